//! The per-pair output files of a corpus run, written on threads of their own.
//!
//! Each file goes to a temporary file, is flushed to disk (`fsync`) and is
//! renamed into place, so that an interrupted run, even a power cut, leaves
//! no half-written file that `--resume` would take for done. The flush waits
//! for the disk: 0.4 ms a file on this project's test machine, tens of
//! milliseconds on a network file system, as long as aligning the pair or
//! longer. So the workers hand the bytes over and go on aligning, and a few
//! writer threads wait for the disk instead of the cores.

use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Writer threads: several, since the flushes wait for the disk, not for a
/// core (a network file system serves several at once).
const WRITERS: usize = 4;

/// Files waiting to be written before a worker that has one more waits too:
/// bounds the memory of a run whose disk is slower than its workers.
const QUEUE: usize = 32;

/// How a writer writes one file (atomically, flushed).
pub type WriteFile = fn(&Path, &[u8]) -> Result<(), String>;

/// One file to write, and what its pair brings to the run once written.
pub struct WriteJob<T> {
    /// The pair's input position.
    pub index: usize,
    pub id: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub payload: T,
}

/// A file written, or why it could not be.
pub struct Written<T> {
    pub index: usize,
    pub id: String,
    /// The job's payload, or the reason the file could not be written.
    pub outcome: Result<T, String>,
}

/// The workers' end: where they hand their files over.
pub struct WriteQueue<T> {
    jobs: SyncSender<WriteJob<T>>,
}

impl<T> WriteQueue<T> {
    /// Queues a file (waiting while the queue is full). Gives the job back
    /// if no writer is left to take it.
    pub fn submit(&self, job: WriteJob<T>) -> Result<(), WriteJob<T>> {
        match self.jobs.try_send(job) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(job)) => self.jobs.send(job).map_err(|e| e.0),
            Err(TrySendError::Disconnected(job)) => Err(job),
        }
    }
}

/// The run's end: the writer threads and the files they have written.
pub struct Writers<T> {
    written: Receiver<Written<T>>,
    threads: Vec<JoinHandle<()>>,
}

impl<T: Send + 'static> Writers<T> {
    /// Starts the writer threads.
    pub fn start(write: WriteFile) -> io::Result<(WriteQueue<T>, Writers<T>)> {
        let (jobs, queue) = mpsc::sync_channel::<WriteJob<T>>(QUEUE);
        let queue = Arc::new(Mutex::new(queue));
        let (report, written) = mpsc::channel();
        let mut threads = Vec::with_capacity(WRITERS);
        for n in 0..WRITERS {
            let queue = Arc::clone(&queue);
            let report = report.clone();
            let thread = std::thread::Builder::new()
                .name(format!("koalign-writer-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held while waiting, so one writer waits
                        // for the next job and the others for the lock.
                        let job = match queue.lock() {
                            Ok(jobs) => jobs.recv(),
                            Err(_) => return,
                        };
                        // Closed and empty: the run is over.
                        let Ok(job) = job else { return };
                        // Every job gets its answer, even if writing panics.
                        let wrote = catch_unwind(AssertUnwindSafe(|| write(&job.path, &job.bytes)));
                        let outcome = match wrote {
                            Ok(result) => result.map(|()| job.payload),
                            Err(_) => Err(format!("{}: writing failed", job.path.display())),
                        };
                        let written = Written {
                            index: job.index,
                            id: job.id,
                            outcome,
                        };
                        if report.send(written).is_err() {
                            return;
                        }
                    }
                })?;
            threads.push(thread);
        }
        Ok((WriteQueue { jobs }, Writers { written, threads }))
    }

    /// The files written since the last call, without waiting.
    pub fn take_written(&self) -> Vec<Written<T>> {
        self.written.try_iter().collect()
    }

    /// Closes the queue, waits for every queued file, and returns the files
    /// written since the last [`Self::take_written`].
    pub fn finish(self, queue: WriteQueue<T>) -> Vec<Written<T>> {
        drop(queue);
        for thread in self.threads {
            // Writers catch their panics and answer every job.
            let _ = thread.join();
        }
        self.written.try_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_or_refuse(path: &Path, bytes: &[u8]) -> Result<(), String> {
        if path.ends_with("refused") {
            return Err("refused".to_string());
        }
        std::fs::write(path, bytes).map_err(|e| e.to_string())
    }

    #[test]
    fn every_queued_file_is_written_or_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (queue, writers) = Writers::<usize>::start(write_or_refuse).unwrap();
        let mut written = Vec::new();
        for k in 0..200usize {
            let name = if k % 50 == 7 {
                "refused".to_string()
            } else {
                format!("{k}.txt")
            };
            let job = WriteJob {
                index: k,
                id: format!("pair-{k}"),
                path: dir.path().join(name),
                bytes: k.to_string().into_bytes(),
                payload: k * 10,
            };
            assert!(queue.submit(job).is_ok());
            written.extend(writers.take_written());
        }
        written.extend(writers.finish(queue));
        written.sort_by_key(|w| w.index);
        assert_eq!(written.len(), 200, "one result per file");
        for (k, w) in written.iter().enumerate() {
            assert_eq!((w.index, w.id.as_str()), (k, format!("pair-{k}").as_str()));
            if k % 50 == 7 {
                assert_eq!(w.outcome, Err("refused".to_string()));
            } else {
                assert_eq!(w.outcome, Ok(k * 10));
                let text = std::fs::read_to_string(dir.path().join(format!("{k}.txt"))).unwrap();
                assert_eq!(text, k.to_string());
            }
        }
    }
}
