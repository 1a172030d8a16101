use super::*;

type Hook = Box<dyn FnMut(&mut Vec<i64>) -> Result<(), &'static str>>;

/// A vector heap whose comparisons are counted and may run a hostile hook first.
struct Mock {
    items: Vec<i64>,
    compares: Vec<(usize, usize)>,
    hook: Option<Hook>,
}

impl Mock {
    fn new(items: Vec<i64>) -> Self {
        Mock {
            items,
            compares: vec![],
            hook: None,
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

fn push(h: &mut Mock, order: Order, v: i64) {
    h.items.push(v);
    let last = h.items.len() - 1;
    siftdown(h, order, 0, last).unwrap();
}

fn pop(h: &mut Mock, order: Order) -> Option<i64> {
    let last = h.items.pop()?;
    if h.items.is_empty() {
        return Some(last);
    }
    let top = std::mem::replace(&mut h.items[0], last);
    siftup(h, order, 0).unwrap();
    Some(top)
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
            push(&mut h, order, v);
        }
        let mut out = vec![];
        while let Some(v) = pop(&mut h, order) {
            out.push(v);
        }
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
