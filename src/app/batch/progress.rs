//! Progress and the per-pair log on standard error: a progress bar when
//! standard error is a terminal (nothing on a pipe or a file), log lines
//! printed above it, and silence with `--quiet`.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
}

impl Progress {
    /// A bar for `total()` pairs (`None`: unknown, a counter); hidden unless
    /// standard error is a terminal and `quiet` is off. The total is counted
    /// only for a bar that is shown (counting reads the whole input).
    pub fn new(total: impl FnOnce() -> Option<u64>, quiet: bool) -> Self {
        let show = !quiet && std::io::stderr().is_terminal();
        let bar = show.then(|| {
            let total = total();
            let bar = match total {
                Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            };
            let template = if total.is_some() {
                "{msg:12} [{bar:30}] {pos}/{len} pairs  {per_sec}  eta {eta}"
            } else {
                "{msg:12} {pos} pairs  {per_sec}  {elapsed}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message("aligning");
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress { bar, quiet }
    }

    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    pub fn set_message(&self, message: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(message);
        }
    }

    /// A line for the log (`koalign: ID: reason`), above the bar; nothing
    /// with `--quiet`.
    pub fn log(&self, line: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("koalign: {line}")),
            None => eprintln!("koalign: {line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
