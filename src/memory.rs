//! A ceiling on the memory one shiryo process may take, so that nothing (content within its
//! limits, or code in a template: a Typst `range(300000000)`, a minijinja string doubled in a
//! loop) can exhaust a staff PC. When an allocation fails, the process stops at once with a
//! Japanese message and exit code 1; nothing has been written to `output/` by then (PDFs are
//! moved into place only after every document succeeded).
//!
//! The ceiling is set through the operating system on Unix (`RLIMIT_DATA`). On Windows it
//! would take a job object; that is not done yet, and the allocation hook still reports a
//! failed allocation in Japanese.

use std::alloc::{GlobalAlloc, Layout, System};

/// The most memory a shiryo process may take: half of a staff PC's 8 GB.
pub const LIMIT_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Sets the ceiling (`SHIRYO_MEMORY_LIMIT_MB` overrides it, for tests). Never raises a limit
/// already lower.
pub fn set_limit() {
    let limit = std::env::var("SHIRYO_MEMORY_LIMIT_MB")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(LIMIT_BYTES, |mb| mb * 1024 * 1024);
    #[cfg(unix)]
    {
        let mut current = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit read and write the struct passed; no other memory.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_DATA, &mut current) == 0 {
                let wanted = (limit as libc::rlim_t).min(current.rlim_max);
                if wanted < current.rlim_cur {
                    let new = libc::rlimit {
                        rlim_cur: wanted,
                        rlim_max: current.rlim_max,
                    };
                    libc::setrlimit(libc::RLIMIT_DATA, &new);
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = limit;
}

/// The system allocator, which on failure stops the process with a Japanese message instead
/// of Rust's English abort.
pub struct Allocator;

const MESSAGE: &[u8] = "\nエラー: メモリが足りなくなったため、作成を中止しました（上限に達しました）。output/ の PDF は変更していません。\n  → 大きすぎる内容（貼り付けた長い文章、たくさんの表の行）や、テンプレートの終わらない処理がないか確かめてください。\n".as_bytes();

fn out_of_memory() -> ! {
    use std::io::Write;
    // Writing a fixed message to stderr (unbuffered) allocates nothing.
    let _ = std::io::stderr().write_all(MESSAGE);
    std::process::exit(1)
}

// SAFETY: every call is passed to the system allocator unchanged; only a null result (an
// allocation that failed) is handled, by ending the process.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            out_of_memory();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            out_of_memory();
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            out_of_memory();
        }
        p
    }
}
