#![allow(dead_code)]
#![allow(unreachable_code)]

pub struct CpuFeatures;

impl CpuFeatures {
    pub const NONE: usize = 0;
    pub const AVX2: usize = 1;
}

#[inline(always)]
pub fn is_enabled_sse() -> bool {
    #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
    #[cfg(feature = "std")]
    return std::is_x86_feature_detected!("sse");

    false
}

#[inline(always)]
pub fn is_enabled_sse42() -> bool {
    #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
    #[cfg(feature = "std")]
    return std::is_x86_feature_detected!("sse4.2");

    false
}

/// ferrocpy: what `is_enabled_avx2_and_bmi2` found (0 no, 1 yes, 2 not checked yet), at
/// module level so that tests can turn the AVX2 paths off.
#[cfg(feature = "std")]
static AVX2_BMI2_CACHE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(2);

/// ferrocpy: makes `is_enabled_avx2_and_bmi2` answer `false` from now on (`off`), or check the
/// CPU again (`!off`), so that tests on an AVX2 machine also run the scalar paths. It can only
/// take features away, so it cannot make an unsupported instruction run. No effect when AVX2
/// and BMI2 are enabled at compile time.
#[cfg(feature = "std")]
pub fn disable_avx2_and_bmi2(off: bool) {
    AVX2_BMI2_CACHE.store(
        if off { 0 } else { 2 },
        std::sync::atomic::Ordering::Relaxed,
    );
}

#[inline(always)]
pub fn is_enabled_avx2_and_bmi2() -> bool {
    #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
    {
        #[cfg(all(
            target_feature = "avx2",
            target_feature = "bmi1",
            target_feature = "bmi2"
        ))]
        return true;

        #[cfg(feature = "std")]
        {
            use std::sync::atomic::Ordering;

            return match AVX2_BMI2_CACHE.load(Ordering::Relaxed) {
                0 => false,
                1 => true,
                _ => {
                    let detected = std::is_x86_feature_detected!("avx2")
                        && std::is_x86_feature_detected!("bmi1")
                        && std::is_x86_feature_detected!("bmi2");
                    AVX2_BMI2_CACHE.store(u32::from(detected), Ordering::Relaxed);
                    detected
                }
            };
        }
    }

    false
}

#[inline(always)]
pub fn is_enabled_avx512() -> bool {
    #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
    #[cfg(feature = "std")]
    return std::is_x86_feature_detected!("avx512f");

    false
}

#[inline(always)]
pub fn is_enabled_pclmulqdq() -> bool {
    #[cfg(target_arch = "x86_64")]
    #[cfg(feature = "std")]
    return std::is_x86_feature_detected!("pclmulqdq") && std::is_x86_feature_detected!("sse4.1");

    false
}

#[inline(always)]
pub fn is_enabled_neon() -> bool {
    #[cfg(target_arch = "aarch64")]
    {
        #[cfg(target_feature = "neon")]
        return true;

        #[cfg(feature = "std")]
        return std::arch::is_aarch64_feature_detected!("neon");
    }

    false
}

#[inline(always)]
pub fn is_enabled_crc() -> bool {
    #[cfg(target_arch = "aarch64")]
    #[cfg(feature = "std")]
    return std::arch::is_aarch64_feature_detected!("crc");

    false
}

// FIXME: Remove lsx feature guard once MSRV is 1.89.0 or higher
#[inline(always)]
pub fn is_enabled_lsx() -> bool {
    #[cfg(all(target_arch = "loongarch64", feature = "lsx"))]
    #[cfg(feature = "std")]
    return std::arch::is_loongarch_feature_detected!("lsx");

    false
}

#[inline(always)]
pub fn is_enabled_simd128() -> bool {
    #[cfg(target_arch = "wasm32")]
    return cfg!(target_feature = "simd128");

    false
}
