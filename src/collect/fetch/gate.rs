//! The per-host gate: at most one request per host at a time, with a pause between the end
//! of one request and the start of the next ([`HostGate`], [`GateGuard`]).
use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug)]
struct HostSlot {
    busy: bool,
    next: Instant,
}

/// At most one request per host at a time, with a pause between requests.
#[derive(Debug, Default)]
pub struct HostGate {
    slots: Mutex<HashMap<String, HostSlot>>,
    cv: Condvar,
}

/// Held while a request to a host runs; releasing it starts the host's delay.
#[derive(Debug)]
pub struct GateGuard<'a> {
    gate: &'a HostGate,
    host: String,
    delay: Duration,
}

impl HostGate {
    /// Waits until `host` is free and its delay has passed, then takes it.
    pub fn acquire(&self, host: &str, delay: Duration) -> GateGuard<'_> {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let now = Instant::now();
            let slot = slots.entry(host.to_owned()).or_insert(HostSlot {
                busy: false,
                next: now,
            });
            if !slot.busy && slot.next <= now {
                slot.busy = true;
                break;
            }
            let wait = if slot.busy {
                Duration::from_millis(200)
            } else {
                slot.next - now
            };
            slots = match self.cv.wait_timeout(slots, wait) {
                Ok((g, _)) => g,
                Err(p) => p.into_inner().0,
            };
        }
        GateGuard {
            gate: self,
            host: host.to_owned(),
            delay,
        }
    }
}

impl GateGuard<'_> {
    /// Makes the host wait at least `d` after this request (e.g. for Retry-After).
    pub fn extend_delay(&mut self, d: Duration) {
        self.delay = self.delay.max(d);
    }
}

impl Drop for GateGuard<'_> {
    fn drop(&mut self) {
        let mut slots = self.gate.slots.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(slot) = slots.get_mut(&self.host) {
            slot.busy = false;
            slot.next = Instant::now() + self.delay;
        }
        self.gate.cv.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_gate_serializes_and_spaces_requests() {
        let gate = HostGate::default();
        let log = Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| {
                    let _g = gate.acquire("a.de", Duration::from_millis(50));
                    let start = Instant::now();
                    std::thread::sleep(Duration::from_millis(10));
                    log.lock().unwrap().push((start, Instant::now()));
                });
            }
        });
        let mut v = log.into_inner().unwrap();
        v.sort();
        for w in v.windows(2) {
            // Next start is at least the delay after the previous end.
            assert!(w[1].0.duration_since(w[0].1) >= Duration::from_millis(45));
        }
    }
}
