//! The project's batch jobs, in memory.
//!
//! Jobs are kept by creation order so that listing newest first and paging by token
//! are range reads. Callers change or render a job inside [`BatchStore::with`], so a
//! poll never copies a job's results. It never runs a job: that is the runner's work.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use super::job::Job;

#[derive(Debug, Default)]
struct Jobs {
    next_seq: u64,
    by_seq: BTreeMap<u64, Job>,
    seq_of: HashMap<String, u64>,
}

/// Every batch job of the (single) project.
#[derive(Debug, Default)]
pub struct BatchStore {
    jobs: Mutex<Jobs>,
}

impl BatchStore {
    /// Adds a job and assigns its creation order.
    pub fn insert(&self, mut job: Job) -> Job {
        let Ok(mut jobs) = self.jobs.lock() else {
            return job;
        };
        jobs.next_seq += 1;
        job.seq = jobs.next_seq;
        jobs.seq_of.insert(job.id.clone(), job.seq);
        jobs.by_seq.insert(job.seq, job.clone());
        job
    }

    /// Runs `visit` on a job; `None` when there is no such job.
    pub fn with<T>(&self, id: &str, visit: impl FnOnce(&mut Job) -> T) -> Option<T> {
        let mut jobs = self.jobs.lock().ok()?;
        let seq = *jobs.seq_of.get(id)?;
        jobs.by_seq.get_mut(&seq).map(visit)
    }

    /// Removes a job; `false` when there was none.
    pub fn remove(&self, id: &str) -> bool {
        let Ok(mut jobs) = self.jobs.lock() else {
            return false;
        };
        match jobs.seq_of.remove(id) {
            Some(seq) => jobs.by_seq.remove(&seq).is_some(),
            None => false,
        }
    }

    /// Forgets every job (their runners stop at their next step).
    pub fn clear(&self) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.by_seq.clear();
            jobs.seq_of.clear();
        }
    }

    /// One page of jobs rendered by `render`, newest first. The token is the creation
    /// order of the last job returned, so pages stay stable while jobs come and go.
    pub fn page<T>(
        &self,
        size: usize,
        token: Option<u64>,
        render: impl Fn(&mut Job) -> T,
    ) -> (Vec<T>, Option<String>) {
        let Ok(mut jobs) = self.jobs.lock() else {
            return (Vec::new(), None);
        };
        let below = token.unwrap_or(u64::MAX);
        let mut page = Vec::new();
        let mut last = None;
        let mut more = false;
        for (seq, job) in jobs.by_seq.range_mut(..below).rev() {
            if page.len() == size {
                more = true;
                break;
            }
            page.push(render(job));
            last = Some(*seq);
        }
        (page, last.filter(|_| more).map(|seq| seq.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::SystemTime;

    fn job(id: &str) -> Job {
        Job::new(id.into(), "gemini-2.5-flash", None, 1, SystemTime::now())
    }

    #[test]
    fn a_removed_job_is_gone() {
        let store = BatchStore::default();
        store.insert(job("a"));
        assert_eq!(store.with("a", |job| job.id.clone()), Some("a".into()));
        assert!(store.remove("a"));
        assert!(!store.remove("a"));
        assert_eq!(store.with("a", |_| ()), None);
    }

    proptest! {
        #[test]
        fn paging_visits_every_job_once_newest_first(count in 0usize..40, size in 1usize..10) {
            let store = BatchStore::default();
            for index in 0..count {
                store.insert(job(&format!("j{index}")));
            }
            let mut seen = Vec::new();
            let mut token = None;
            loop {
                let (page, next) = store.page(size, token, |job| job.seq);
                prop_assert!(page.len() <= size);
                seen.extend(page);
                match next {
                    Some(next) => token = next.parse().ok(),
                    None => break,
                }
            }
            let expected: Vec<u64> = (1..=count as u64).rev().collect();
            prop_assert_eq!(seen, expected);
        }
    }
}
