//! How the node asks the C allocator (glibc's malloc, on Linux) to hold
//! less memory than it would by default. Nothing here changes what the
//! node does; it changes how much resident memory an idle node keeps.
//!
//! - [`limit_arenas`]: glibc gives each thread that allocates under
//!   contention an arena of its own, up to eight per core; memory freed in
//!   one arena is not reused by another, so a node whose tokio workers
//!   took turns at a burst (a thousand channels opening) keeps the free
//!   space of each. One arena is enough for a two-thread runtime and
//!   one blocking pool (small blocks come from each thread's cache
//!   without the arena's lock). `benches/channel_rss.rs` measured, with
//!   1,000 idle channels, 14.8 KB a channel with two arenas instead of
//!   18.9 KB with glibc's default; with one instead of two, after a
//!   restart, 6.1-6.3 KB instead of 8.0 KB (right after opening them:
//!   no difference, 10.0-10.1 KB). The payments bench, run with
//!   `GLIBC_TUNABLES=glibc.malloc.arena_max=1` then `=2`, showed no
//!   difference beyond its run-to-run spread.
//! - [`map_large_blocks`]: glibc maps a block of 128 KiB or more on pages
//!   of its own, and unmaps it when it is freed; but the first time such a
//!   block is freed it raises that threshold to the block's size (up to
//!   32 MiB), so the blocks that follow come from the heap, where they
//!   leave holes between the small long-lived blocks allocated around
//!   them (sled's 512 KiB write buffers, one per segment written, are such
//!   blocks). A fixed threshold of 64 KiB keeps every large block off the
//!   heap: `benches/channel_rss.rs`, 1,000 channels right after opening,
//!   7,266-7,344 bytes a channel instead of 7,733-7,774 (and 7,184-7,283
//!   with `GLIBC_TUNABLES=glibc.malloc.mmap_threshold=65536`, which sets
//!   the same); after a restart, 5,751-6,218 instead of 5,951-6,197.
//! - [`release_free`]: `malloc_trim(0)` hands free pages in the middle of
//!   the heap back to the kernel (it keeps what is in use). The channel
//!   host calls it once the node has been quiet a while after activity.
//!   First it runs the frees sled deferred: sled's lock-free page cache
//!   replaces a page on every write and drops the old one (its node and
//!   the value it replaced) only once no thread can still read it, through
//!   crossbeam-epoch; those drops wait, queued, until threads pinning the
//!   epoch again collect them, which an idle node does rarely (heaptrack,
//!   300 channels just opened: eleven bags of up to 64 such drops queued;
//!   three after a restart).
//!
//! On other platforms (or other C libraries) the allocator calls do
//! nothing. What this is not: an allocator, or a cap on the node's memory.

/// Limits glibc's malloc to one arena. Call it first thing in `main`,
/// before any thread starts.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; M_ARENA_MAX takes
    // any positive count.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Blocks of at least this size get pages of their own (`mmap`), handed
/// back to the kernel when freed.
const MMAP_THRESHOLD: i32 = 64 * 1024;

/// Makes glibc's malloc map every block of [`MMAP_THRESHOLD`] bytes or
/// more on its own pages, always. Call it first thing in `main`, before
/// any thread starts.
pub fn map_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; M_MMAP_THRESHOLD
    // takes any size up to 32 MiB.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// How many times [`release_free`] flushes the epoch's queue: each flush
/// advances the epoch by one at most and collects a few bags, and a bag is
/// collected two epochs after it was queued.
const EPOCH_FLUSHES: usize = 16;

/// Runs sled's deferred frees, then returns the heap's free pages to the
/// kernel. Costs a walk of the free lists (about a millisecond for tens of
/// MiB): call it when idle.
pub fn release_free() {
    // The calling thread's deferred drops join the global queue, and each
    // flush collects what is old enough (what another thread still holds
    // pinned stays: nothing is dropped early).
    for _ in 0..EPOCH_FLUSHES {
        crossbeam_epoch::pin().flush();
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory malloc holds free.
    unsafe {
        libc::malloc_trim(0);
    }
}
