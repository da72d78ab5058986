//! Helpers shared by the CLI tests that drive the real binary.

#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The `koalign` binary of this build.
pub fn koalign() -> Command {
    Command::cargo_bin("koalign").unwrap()
}

/// A file of the seed article pair in `corpus/`.
pub fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/gwangju-hangzhou-ai")
        .join(name)
}

/// Runs the command and checks it succeeded, showing its stderr if not.
pub fn run_ok(command: &mut Command) -> Output {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
