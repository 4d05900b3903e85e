//! Work on every core for `check`: the files of a run are checked by the calling thread and one started thread per
//! further core, and their results put back in input order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};

/// `work` applied to every item, on every core when there is enough work for more than one, with the results in the
/// order of `items` whatever order they finish in.
///
/// The calling thread and one helper thread per further core take items from a shared queue, largest first (by
/// `size`), so that the largest file, which bounds the wall time, starts at once and the small ones fill in around
/// it. Each thread starts on a core of its own ([`Cores`]): Linux puts a new thread on the core of the thread
/// that started it, and one of the two waited there a median 1.1 ms for the idle core to take it. rayon's pool,
/// which leaves the caller waiting, cost more: its idle workers spin before they sleep.
/// `RAYON_NUM_THREADS`, which limits `compare`, limits this too.
pub(super) fn in_parallel<T: Send + 'static, R: Send + 'static>(
    items: Vec<T>,
    size: impl Fn(&T) -> usize,
    work: impl Fn(T) -> R + Send + Sync + 'static,
) -> Vec<R> {
    // One file is the common case in an editor or a pre-commit hook: starting a thread would only add to it. So
    // are a few small files beside at most one large one: the other threads can take no more than the small ones
    // off the calling thread, and starting a thread (its stack, its allocator arena) costs about as much as
    // checking a couple of kilobytes.
    let sizes: Vec<usize> = items.iter().map(&size).collect();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let beside_largest = sizes.iter().sum::<usize>() - largest;
    if items.len() < 2 || beside_largest < MIN_PARALLEL_BYTES {
        return items.into_iter().map(work).collect();
    }
    let threads = thread_count(beside_largest).min(items.len());
    if threads < 2 {
        return items.into_iter().map(work).collect();
    }
    let count = items.len();
    let mut queue: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    // Largest first; equal sizes in input order (a stable sort), so the schedule does not depend on the run.
    queue.sort_by_key(|(_, item)| std::cmp::Reverse(size(item)));
    let crew = Arc::new(Crew {
        queue: Mutex::new(queue.into_iter()),
        work,
        cores: Cores::of_this_thread(),
        arrivals: AtomicUsize::new(0),
        threads,
    });
    let (send, receive) = mpsc::channel();
    // A thread that cannot be started leaves its share to the others.
    let helpers: Vec<_> = (1..threads)
        .filter_map(|_| {
            let (crew, send) = (Arc::clone(&crew), send.clone());
            let help = move || {
                crew.settle();
                // The caller may be gone when its results are all in, and the thread ending: nothing to tell.
                let _ = send.send(crew.drain());
            };
            std::thread::Builder::new().spawn(help).ok()
        })
        .collect();
    drop(send);
    if !helpers.is_empty() {
        crew.settle();
    }
    let mut results: Vec<Option<R>> = (0..count).map(|_| None).collect();
    let mut place = |done: Vec<(usize, R)>| {
        for (index, result) in done {
            if let Some(slot) = results.get_mut(index) {
                *slot = Some(result);
            }
        }
    };
    place(crew.drain());
    // Each helper's results as soon as it has them, rather than when its thread has ended (a thread's end, which
    // releases its stack, took a median 80 µs of `check charters/`).
    let mut reported = 0;
    while reported < helpers.len() {
        match receive.recv() {
            Ok(done) => {
                place(done);
                reported += 1;
            }
            // A helper ended without its results: the work panicked.
            Err(mpsc::RecvError) => break,
        }
    }
    if reported < helpers.len() {
        for helper in helpers {
            if let Err(payload) = helper.join() {
                // Fail as the work itself would have without threads.
                std::panic::resume_unwind(payload);
            }
        }
    }
    // Every index was taken from the queue exactly once.
    results.into_iter().flatten().collect()
}

/// What the calling thread and its helpers share in [`in_parallel`].
struct Crew<T, W> {
    /// The items not yet taken, with their index in input order.
    queue: Mutex<std::vec::IntoIter<(usize, T)>>,
    /// What is done to each item.
    work: W,
    /// Where the threads start, when the kernel says.
    cores: Option<Cores>,
    /// How many threads have started work.
    arrivals: AtomicUsize,
    /// How many threads work: the caller and its helpers.
    threads: usize,
}

impl<T, R, W: Fn(T) -> R> Crew<T, W> {
    /// Moves the calling thread to where it should work. Whichever thread runs first, the caller or a helper,
    /// moves to the next core, and so on; the last to arrive keeps the caller's core, which the others have left.
    fn settle(&self) {
        if let Some(cores) = &self.cores {
            let arrival = self.arrivals.fetch_add(1, Ordering::Relaxed);
            cores.start_on((arrival + 1) % self.threads);
        }
    }

    /// The work applied to items until none are left, each result with its item's index.
    fn drain(&self) -> Vec<(usize, R)> {
        let mut done = Vec::new();
        while let Some((index, item)) = self.next() {
            done.push((index, (self.work)(item)));
        }
        done
    }

    /// The next item, if any is left.
    fn next(&self) -> Option<(usize, T)> {
        match self.queue.lock() {
            Ok(mut queue) => queue.next(),
            // A thread that panicked while holding the lock leaves a queue that is still consistent.
            Err(poisoned) => poisoned.into_inner().next(),
        }
    }
}

/// The least number of bytes, beside the largest file, worth starting threads for.
const MIN_PARALLEL_BYTES: usize = 4096;

/// How many threads `check` uses for `beside_largest` bytes beside its largest file: `RAYON_NUM_THREADS` if it is
/// a positive number (as rayon reads it), else one per core.
fn thread_count(beside_largest: usize) -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|value| value.parse::<usize>().ok())
        .filter(|&threads| threads > 0)
        .or_else(|| cores_for(beside_largest))
        .unwrap_or(1)
}

/// The cores worth a thread for `beside_largest` bytes beside the largest file.
///
/// `available_parallelism` also reads the cgroup's CPU quota, from files in `/proc` and `/sys`: 25 µs warm,
/// more in a new process, against the 2 ms `check charters/` may take. A quota is enforced per period (100 ms
/// by default), and work this small (about 20 ms of processor time at most) rarely reaches one, and is then
/// late by the rest of one period at most; so small work asks only which cores the process may run on.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn cores_for(beside_largest: usize) -> Option<usize> {
    if beside_largest < QUOTA_BYTES {
        let allowed = rustix::thread::sched_getaffinity(None).ok()?;
        return usize::try_from(allowed.count())
            .ok()
            .filter(|&cores| cores > 0);
    }
    std::thread::available_parallelism().ok().map(usize::from)
}

/// Elsewhere, the standard library's count.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn cores_for(_beside_largest: usize) -> Option<usize> {
    std::thread::available_parallelism().ok().map(usize::from)
}

/// Work, in bytes beside the largest file, below which a cgroup's CPU quota need not be read ([`cores_for`]).
#[cfg(any(target_os = "linux", target_os = "android"))]
const QUOTA_BYTES: usize = 256 * 1024;

/// The cores this thread may run on, starting with the one it runs on: where the threads of [`in_parallel`]
/// start.
///
/// Linux puts a new thread on the core of the thread that started it; most often the new thread runs at once
/// and the caller waits, sometimes the other way round, and the one that waits does so until the scheduler's
/// balancing moves it to an idle core: for `check charters/` on two cores, a median 1.1 ms, half the run. A
/// thread that moves itself to another core is moved at once, so the first of them to run moves to the next
/// core and leaves its own to the other (timestamps of 300 runs: the caller waited a median 0.8 ms after
/// starting its helper before this). [`Cores::start_on`] moves a thread and then gives it back every core it may
/// run on, so this only chooses where a thread starts: the scheduler may move it again, and a process limited
/// to some cores (`taskset`, cgroups) stays within them.
#[cfg(any(target_os = "linux", target_os = "android"))]
struct Cores {
    /// The cores this thread may run on, as the kernel gave them.
    allowed: rustix::thread::CpuSet,
    /// The same cores in the order threads take them: this thread's core first, then the cores after it, then
    /// those before it.
    order: Vec<usize>,
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Cores {
    /// The cores of the calling thread; `None` when the kernel does not say, or the thread's core is not among
    /// them (it was moved meanwhile), and threads are then left where the scheduler puts them.
    fn of_this_thread() -> Option<Cores> {
        let allowed = rustix::thread::sched_getaffinity(None).ok()?;
        let current = rustix::thread::sched_getcpu();
        let mut order: Vec<usize> = (0..rustix::thread::CpuSet::MAX_CPU)
            .filter(|&cpu| allowed.is_set(cpu))
            .collect();
        let at = order.iter().position(|&cpu| cpu == current)?;
        order.rotate_left(at);
        Some(Cores { allowed, order })
    }

    /// Moves the calling thread to the core at `position` in [`Cores::order`] (counted around), then lets it run
    /// on every allowed core again. Best effort: a thread the kernel will not move stays where it is.
    fn start_on(&self, position: usize) {
        let Some(&core) = self.order.get(position % self.order.len().max(1)) else {
            return;
        };
        if rustix::thread::sched_getcpu() == core {
            return;
        }
        let mut one = rustix::thread::CpuSet::new();
        one.set(core);
        if rustix::thread::sched_setaffinity(None, &one).is_ok() {
            // Cannot fail where the first call succeeded: the set is the one the kernel gave this thread.
            let _ = rustix::thread::sched_setaffinity(None, &self.allowed);
        }
    }
}

/// Elsewhere threads start where the scheduler puts them.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
struct Cores;

#[cfg(not(any(target_os = "linux", target_os = "android")))]
impl Cores {
    /// Never any: threads are left where the scheduler puts them.
    fn of_this_thread() -> Option<Cores> {
        None
    }

    /// Never called, as there are no [`Cores`].
    fn start_on(&self, _position: usize) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_from_every_thread() {
        // Sizes out of order, so the queue's order (largest first) differs from the input's.
        let items: Vec<usize> = (0..40)
            .map(|index| (index * 7919) % 10_000 + MIN_PARALLEL_BYTES)
            .collect();
        let doubled = in_parallel(items.clone(), |&size| size, |size| size * 2);
        assert_eq!(
            doubled,
            items.iter().map(|size| size * 2).collect::<Vec<_>>()
        );
    }

    #[test]
    #[expect(clippy::panic, reason = "the test needs work that panics")]
    fn a_panic_in_a_helper_reaches_the_caller() {
        let caller = std::thread::current().id();
        let items: Vec<usize> = (1..=8).map(|index| index * MIN_PARALLEL_BYTES).collect();
        let outcome = std::panic::catch_unwind(|| {
            in_parallel(
                items,
                |&size| size,
                move |size| {
                    // Long enough for the helper to take some of the items.
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    if std::thread::current().id() != caller {
                        panic!("the work of a helper");
                    }
                    size
                },
            )
        });
        // On one core there is no helper, and nothing panics.
        if thread_count(MIN_PARALLEL_BYTES) > 1 {
            let payload = outcome
                .err()
                .and_then(|payload| payload.downcast::<&str>().ok());
            assert_eq!(payload.as_deref(), Some(&"the work of a helper"));
        }
    }

    #[test]
    fn work_too_small_to_share_runs_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let threads = in_parallel(vec![1, 2, 3], |&size| size, |_| std::thread::current().id());
        assert!(threads.iter().all(|&thread| thread == caller));
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn a_thread_started_on_a_core_may_run_on_every_core_again() {
        let allowed_now = || {
            rustix::thread::sched_getaffinity(None).map(|set| {
                (0..rustix::thread::CpuSet::MAX_CPU)
                    .filter(|&cpu| set.is_set(cpu))
                    .collect::<Vec<_>>()
            })
        };
        let before = allowed_now();
        // Run in a thread of its own, so that moving it cannot disturb the other tests.
        let after = std::thread::spawn(move || {
            if let Some(cores) = Cores::of_this_thread() {
                assert_eq!(cores.order.len(), cores.allowed.count() as usize);
                cores.start_on(1);
            }
            allowed_now()
        })
        .join()
        .ok();
        assert_eq!(after.map(|set| set.ok()), Some(before.ok()));
    }
}
