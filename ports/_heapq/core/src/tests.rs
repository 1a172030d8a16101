use super::*;

type Hook = Box<dyn FnMut(&mut Vec<i64>) -> Result<(), &'static str>>;

/// A vector heap whose comparisons are counted and may run a hostile hook first.
struct Mock {
    items: Vec<i64>,
    compares: Vec<(usize, usize)>,
    /// `compare_top` calls: (left operand, right operand) of each `<`.
    top_compares: Vec<(i64, i64)>,
    hook: Option<Hook>,
    fail_store: bool,
}

impl Mock {
    fn new(items: Vec<i64>) -> Self {
        Mock {
            items,
            compares: vec![],
            top_compares: vec![],
            hook: None,
            fail_store: false,
        }
    }
}

impl Heap for Mock {
    type Error = &'static str;
    fn len(&self) -> usize {
        self.items.len()
    }
    fn less(&mut self, i: usize, j: usize) -> Result<bool, Self::Error> {
        // The contract: called with both indices in range.
        let (a, b) = (self.items[i], self.items[j]);
        self.compares.push((i, j));
        if let Some(h) = self.hook.as_mut() {
            h(&mut self.items)?;
        }
        Ok(a < b)
    }
    fn swap(&mut self, i: usize, j: usize) -> bool {
        if i < self.items.len() && j < self.items.len() {
            self.items.swap(i, j);
            true
        } else {
            false
        }
    }
}

impl HeapStore for Mock {
    type Item = i64;
    type Held = i64;
    fn hold(item: i64) -> i64 {
        item
    }
    fn push(&mut self, item: i64) -> Result<(), Self::Error> {
        if self.fail_store {
            return Err("no memory");
        }
        self.items.push(item);
        Ok(())
    }
    fn pop_last(&mut self) -> Result<Option<i64>, Self::Error> {
        if self.fail_store {
            return Err("no memory");
        }
        Ok(self.items.pop())
    }
    fn replace_top(&mut self, item: i64) -> Option<i64> {
        let top = self.items.first_mut()?;
        Some(std::mem::replace(top, item))
    }
    fn compare_top(&mut self, item: i64, top_first: bool) -> Option<Result<bool, Self::Error>> {
        let top = *self.items.first()?;
        let (a, b) = if top_first { (top, item) } else { (item, top) };
        self.top_compares.push((a, b));
        if let Some(h) = self.hook.as_mut() {
            if let Err(e) = h(&mut self.items) {
                return Some(Err(e));
            }
        }
        Some(Ok(a < b))
    }
}

fn rng(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

fn is_heap(items: &[i64], order: Order) -> bool {
    (1..items.len()).all(|i| match order {
        Order::Min => items[(i - 1) / 2] <= items[i],
        Order::Max => items[(i - 1) / 2] >= items[i],
    })
}

/// The heap's items in the order `pop` takes them out, without changing it.
fn drained(h: &Mock, order: Order) -> Vec<i64> {
    let mut v = h.items.clone();
    v.sort();
    if order == Order::Max {
        v.reverse();
    }
    v
}

#[test]
fn heapify_makes_heaps_of_every_size() {
    let mut next = rng(0x9e37_79b9_7f4a_7c15);
    for n in (0..60).chain([2499, 2500, 2501, 2502, 4095, 4096, 4097, 6000]) {
        for order in [Order::Min, Order::Max] {
            let items: Vec<i64> = (0..n).map(|_| (next() % 50) as i64).collect();
            let mut h = Mock::new(items.clone());
            heapify(&mut h, order).unwrap();
            assert!(is_heap(&h.items, order), "n={n} {order:?}");
            let mut a = h.items.clone();
            let mut b = items;
            a.sort();
            b.sort();
            assert_eq!(a, b);
        }
    }
}

#[test]
fn cache_friendly_traversal_does_the_same_work() {
    let mut next = rng(42);
    for n in [2501usize, 3000, 4097, 10_000] {
        let items: Vec<i64> = (0..n).map(|_| (next() % 1000) as i64).collect();
        let mut fast = Mock::new(items.clone());
        heapify(&mut fast, Order::Min).unwrap();
        let mut plain = Mock::new(items);
        for i in (0..n / 2).rev() {
            siftup(&mut plain, Order::Min, i).unwrap();
        }
        assert_eq!(fast.items, plain.items);
        let mut a = fast.compares.clone();
        let mut b = plain.compares.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert_ne!(fast.compares, plain.compares, "the order differs");
    }
}

#[test]
fn push_pop_sorts() {
    let mut next = rng(7);
    for order in [Order::Min, Order::Max] {
        let mut h = Mock::new(vec![]);
        let mut all = vec![];
        for _ in 0..500 {
            let v = (next() % 100) as i64;
            all.push(v);
            push(&mut h, order, v).unwrap();
            assert!(is_heap(&h.items, order));
        }
        let mut out = vec![];
        while !h.items.is_empty() {
            out.push(pop(&mut h, order).unwrap());
            assert!(is_heap(&h.items, order));
        }
        assert_eq!(pop(&mut h, order), Err(HeapError::IndexOutOfRange));
        all.sort();
        if order == Order::Max {
            all.reverse();
        }
        assert_eq!(out, all);
    }
}

#[test]
fn positions_out_of_range() {
    let mut h = Mock::new(vec![]);
    assert_eq!(
        siftup(&mut h, Order::Min, 0),
        Err(HeapError::IndexOutOfRange)
    );
    assert_eq!(
        siftdown(&mut h, Order::Min, 0, 0),
        Err(HeapError::IndexOutOfRange)
    );
    let mut h = Mock::new(vec![1, 2]);
    assert_eq!(
        siftdown(&mut h, Order::Max, 0, 2),
        Err(HeapError::IndexOutOfRange)
    );
    assert_eq!(heapify(&mut Mock::new(vec![]), Order::Min), Ok(()));
}

#[test]
fn comparison_order_is_cpythons() {
    // siftdown compares (newitem, parent) for a min-heap and (parent, newitem) for a max-heap.
    let mut h = Mock::new(vec![0, 1, 2, 3, 4, -1]);
    siftdown(&mut h, Order::Min, 0, 5).unwrap();
    assert_eq!(h.compares, vec![(5, 2), (2, 0)]);
    assert_eq!(h.items, vec![-1, 1, 0, 3, 4, 2]);
    let mut h = Mock::new(vec![9, 8, 7, 6, 5, 10]);
    siftdown(&mut h, Order::Max, 0, 5).unwrap();
    assert_eq!(h.compares, vec![(2, 5), (0, 2)]);
    // siftup compares the two children, (left, right) for min and (right, left) for max.
    let mut h = Mock::new(vec![9, 1, 2, 3, 4]);
    siftup(&mut h, Order::Min, 0).unwrap();
    assert_eq!(h.compares, vec![(1, 2), (3, 4), (3, 1)]);
    assert_eq!(h.items, vec![1, 3, 2, 9, 4]);
    let mut h = Mock::new(vec![0, 1, 2]);
    siftup(&mut h, Order::Max, 0).unwrap();
    assert_eq!(h.compares[0], (2, 1));
}

#[test]
fn failing_comparison_propagates() {
    let mut calls = 0;
    let mut h = Mock::new((0..100).rev().collect());
    h.hook = Some(Box::new(move |_| {
        calls += 1;
        if calls == 10 {
            Err("boom")
        } else {
            Ok(())
        }
    }));
    assert_eq!(heapify(&mut h, Order::Min), Err(HeapError::Compare("boom")));
    assert_eq!(h.compares.len(), 10);
}

#[test]
fn shrinking_or_growing_is_detected_not_a_panic() {
    for hook in [
        (|v: &mut Vec<i64>| {
            v.clear();
            Ok(())
        }) as fn(&mut Vec<i64>) -> Result<(), &'static str>,
        |v| {
            v.pop();
            Ok(())
        },
        |v| {
            v.push(1);
            Ok(())
        },
    ] {
        for n in [3usize, 10, 3000] {
            let mut h = Mock::new((0..n as i64).rev().collect());
            h.hook = Some(Box::new(hook));
            assert_eq!(heapify(&mut h, Order::Min), Err(HeapError::SizeChanged));
            let mut h = Mock::new((0..n as i64).collect());
            h.items.push(-1);
            h.hook = Some(Box::new(hook));
            let last = h.items.len() - 1;
            assert_eq!(
                siftdown(&mut h, Order::Min, 0, last),
                Err(HeapError::SizeChanged)
            );
        }
    }
}

#[test]
fn same_size_mutation_is_harmless() {
    // A comparison that rewrites every item but keeps the length: no error, no panic, the
    // items are a permutation of what the hook left.
    let mut h = Mock::new((0..50).rev().collect());
    h.hook = Some(Box::new(|v| {
        v.reverse();
        Ok(())
    }));
    heapify(&mut h, Order::Min).unwrap();
    assert_eq!(h.items.len(), 50);
    let mut sorted = h.items.clone();
    sorted.sort();
    assert_eq!(sorted, (0..50).collect::<Vec<_>>());
}

#[test]
fn top_bit() {
    assert_eq!(keep_top_bit(0), 0);
    assert_eq!(keep_top_bit(1), 1);
    assert_eq!(keep_top_bit(2), 2);
    assert_eq!(keep_top_bit(3), 2);
    assert_eq!(keep_top_bit(1251), 1024);
    assert_eq!(keep_top_bit(usize::MAX), 1 << (usize::BITS - 1));
}

#[test]
fn replace_and_pushpop_keep_the_heap_against_a_model() {
    // Random sequences of every operation on both orders, checked against a sorted model:
    // each result is the model's answer and the heap invariant holds after every step.
    let mut next = rng(0x5eed);
    for order in [Order::Min, Order::Max] {
        let mut h = Mock::new(vec![]);
        for _ in 0..3000 {
            let v = (next() % 64) as i64;
            let model = drained(&h, order);
            match next() % 4 {
                0 => {
                    push(&mut h, order, v).unwrap();
                }
                1 => {
                    let got = pop(&mut h, order);
                    assert_eq!(got.ok(), model.first().copied());
                }
                2 => {
                    let got = replace(&mut h, order, v);
                    match model.first() {
                        None => assert_eq!(got, Err(HeapError::IndexOutOfRange)),
                        Some(&top) => assert_eq!(got, Ok(top)),
                    }
                }
                _ => {
                    // Push then pop: the item itself unless the top comes strictly first.
                    let got = pushpop(&mut h, order, v).unwrap();
                    let want = match model.first() {
                        Some(&top)
                            if (order == Order::Min && top < v)
                                || (order == Order::Max && top > v) =>
                        {
                            top
                        }
                        _ => v,
                    };
                    assert_eq!(got, want);
                }
            }
            assert!(is_heap(&h.items, order), "{order:?}");
        }
    }
}

#[test]
fn pushpop_compares_once_in_cpythons_direction() {
    // Min: `top < item`; max: `item < top` (C's heappushpop / heappushpop_max).
    let mut h = Mock::new(vec![1, 5, 3]);
    assert_eq!(pushpop(&mut h, Order::Min, 4), Ok(1));
    assert_eq!(h.top_compares, vec![(1, 4)]);
    assert_eq!(h.items, vec![3, 5, 4]);
    let mut h = Mock::new(vec![1, 5, 3]);
    assert_eq!(pushpop(&mut h, Order::Min, 0), Ok(0));
    assert_eq!(h.top_compares, vec![(1, 0)]);
    assert_eq!(h.items, vec![1, 5, 3]);
    assert!(h.compares.is_empty());
    let mut h = Mock::new(vec![9, 5, 7, 1]);
    assert_eq!(pushpop(&mut h, Order::Max, 8), Ok(9));
    assert_eq!(h.top_compares, vec![(8, 9)]);
    assert_eq!(h.items, vec![8, 5, 7, 1]);
    let mut h = Mock::new(vec![8, 5, 7, 1]);
    assert_eq!(pushpop(&mut h, Order::Max, 10), Ok(10));
    assert_eq!(h.top_compares, vec![(10, 8)]);
    // Equal to the top: the item comes back, nothing moves.
    assert_eq!(pushpop(&mut h, Order::Max, 8), Ok(8));
    assert_eq!(h.items, vec![8, 5, 7, 1]);
    // Empty: no comparison.
    let mut h = Mock::new(vec![]);
    assert_eq!(pushpop(&mut h, Order::Max, 3), Ok(3));
    assert!(h.top_compares.is_empty() && h.items.is_empty());
}

#[test]
fn push_sifts_with_the_orders_comparisons() {
    // heappush_max compares (parent, new) as C's siftdown_max does.
    let mut h = Mock::new(vec![8, 5, 7, 1]);
    push(&mut h, Order::Max, 6).unwrap();
    assert_eq!(h.compares, vec![(1, 4), (0, 1)]);
    assert_eq!(h.items, vec![8, 6, 7, 1, 5]);
    let mut h = Mock::new(vec![1, 5, 3]);
    push(&mut h, Order::Min, 0).unwrap();
    assert_eq!(h.compares, vec![(3, 1), (1, 0)]);
    assert_eq!(h.items, vec![0, 1, 3, 5]);
}

#[test]
fn hostile_comparisons_in_the_store_operations() {
    // A comparison in pushpop that empties the heap: C's IndexError, item not stored.
    for order in [Order::Min, Order::Max] {
        let mut h = Mock::new(vec![5, 6, 7]);
        h.hook = Some(Box::new(|v| {
            v.clear();
            Ok(())
        }));
        let item = if order == Order::Min { 9 } else { 1 };
        assert_eq!(
            pushpop(&mut h, order, item),
            Err(HeapError::IndexOutOfRange)
        );
        assert!(h.items.is_empty());
        // A raising comparison: its error, the heap untouched.
        let mut h = Mock::new(vec![5, 6, 7]);
        h.hook = Some(Box::new(|_| Err("boom")));
        assert_eq!(
            pushpop(&mut h, order, item),
            Err(HeapError::Compare("boom"))
        );
        assert_eq!(h.items, vec![5, 6, 7]);
        // A comparison that grows the heap during pop's sift: C's RuntimeError; the old top
        // is not returned, the moved item stays in the list.
        let mut h = Mock::new((0..10).collect());
        heapify(&mut h, order).unwrap();
        h.hook = Some(Box::new(|v| {
            v.push(0);
            Ok(())
        }));
        assert_eq!(pop(&mut h, order), Err(HeapError::SizeChanged));
        assert_eq!(h.items.len(), 10);
        let mut h = Mock::new((0..10).collect());
        h.hook = Some(Box::new(|v| {
            v.pop();
            Ok(())
        }));
        assert_eq!(replace(&mut h, order, 3), Err(HeapError::SizeChanged));
        assert_eq!(push(&mut h, order, 3), Err(HeapError::SizeChanged));
    }
}

#[test]
fn store_failures_and_edges() {
    let mut h = Mock::new(vec![1]);
    h.fail_store = true;
    assert_eq!(
        push(&mut h, Order::Max, 0),
        Err(HeapError::Store("no memory"))
    );
    assert_eq!(pop(&mut h, Order::Max), Err(HeapError::Store("no memory")));
    assert_eq!(h.items, vec![1]);
    // A single item comes out without any comparison; replacing it neither compares.
    let mut h = Mock::new(vec![4]);
    assert_eq!(replace(&mut h, Order::Max, 2), Ok(4));
    assert_eq!(pop(&mut h, Order::Max), Ok(2));
    assert!(h.compares.is_empty());
    assert_eq!(pop(&mut h, Order::Min), Err(HeapError::IndexOutOfRange));
    assert_eq!(
        replace(&mut h, Order::Min, 1),
        Err(HeapError::IndexOutOfRange)
    );
    assert!(h.items.is_empty());
}
