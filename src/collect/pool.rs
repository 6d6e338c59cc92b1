//! The worker pool of the collector: jobs run on a few threads, results come back to the
//! calling thread (which owns the store) as they arrive; jobs are ordered round-robin by host
//! so that workers rarely wait for the same host.
use std::collections::{HashMap, VecDeque};
use std::sync::{mpsc, Mutex};

use super::canon::{host_of, parse_http_url};

/// Runs `work` over `jobs` on up to `threads` workers; results are handed to `sink` on the
/// calling thread as they arrive.
pub(super) fn run_pool<J, R, W, S, E>(
    jobs: Vec<J>,
    threads: usize,
    work: W,
    mut sink: S,
) -> Result<(), E>
where
    J: Send,
    R: Send,
    W: Fn(J) -> R + Sync,
    S: FnMut(R) -> Result<(), E>,
{
    let n = jobs.len();
    let queue = Mutex::new(jobs.into_iter().collect::<VecDeque<J>>());
    let threads = threads.max(1).min(n.max(1));
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<R>();
        for _ in 0..threads {
            let tx = tx.clone();
            let queue = &queue;
            let work = &work;
            scope.spawn(move || loop {
                let job = {
                    let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
                    q.pop_front()
                };
                let Some(job) = job else { break };
                if tx.send(work(job)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut result = Ok(());
        for r in rx {
            if let Err(e) = sink(r) {
                result = Err(e);
                // Stop handing out work; workers finish their current job.
                queue.lock().unwrap_or_else(|p| p.into_inner()).clear();
                break;
            }
        }
        result
    })
}

/// Orders jobs round-robin by host so that workers rarely wait for the same host.
pub(super) fn interleave_by_host<J>(jobs: Vec<J>, host: impl Fn(&J) -> String) -> Vec<J> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, VecDeque<J>> = HashMap::new();
    for j in jobs {
        let h = host(&j);
        if !groups.contains_key(&h) {
            order.push(h.clone());
        }
        groups.entry(h).or_default().push_back(j);
    }
    let mut out = Vec::new();
    loop {
        let mut any = false;
        for h in &order {
            if let Some(j) = groups.get_mut(h).and_then(VecDeque::pop_front) {
                out.push(j);
                any = true;
            }
        }
        if !any {
            break;
        }
    }
    out
}

/// The host of an HTTP(S) URL, empty when it has none.
pub(super) fn url_host(u: &str) -> String {
    parse_http_url(u).map(|u| host_of(&u)).unwrap_or_default()
}
