//! Where a command's output goes: standard output, or a file written
//! atomically (a temporary file in the same directory, renamed into place when
//! complete), so an interrupted run never leaves a half-written file.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Temporary files being written right now, so that an interrupt (Ctrl-C) can
/// remove them before the process exits: destructors do not run on a signal.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn register(path: &Path) {
    if let Ok(mut list) = IN_PROGRESS.lock() {
        list.push(path.to_path_buf());
    }
}

fn unregister(path: &Path) {
    if let Ok(mut list) = IN_PROGRESS.lock() {
        list.retain(|p| p != path);
    }
}

/// Removes every temporary output file still being written. Called from the
/// binary's interrupt handler; safe to call at any time.
pub fn remove_partial_outputs() {
    if let Ok(mut list) = IN_PROGRESS.lock() {
        for path in list.drain(..) {
            let _ = fs::remove_file(path);
        }
    }
}

/// Refuses to replace an existing output file unless `force` is set, so a
/// mistyped `-o` never destroys work.
pub fn check_overwrite(path: &Path, force: bool) -> Result<()> {
    if !force && path.is_file() {
        return Err(Error::Output {
            path: path.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::AlreadyExists,
                "already exists (use --force to overwrite)",
            ),
        });
    }
    Ok(())
}

/// Runs `write` against the output: `path` when given, else `stdout`.
pub fn write_output(
    path: Option<&Path>,
    stdout: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let Some(path) = path else {
        write(stdout)?;
        return Ok(());
    };
    let output_error = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".koalign-").suffix(".tmp");
    // A temporary file is private (0600); the output should be an ordinary
    // file (0666 minus the umask), like any file a command writes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(output_error)?;
    let tmp_path = tmp.path().to_path_buf();
    register(&tmp_path);
    let written = (|| {
        {
            let mut writer = BufWriter::new(tmp.as_file_mut());
            write(&mut writer)?;
            writer.flush()?;
        }
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    unregister(&tmp_path);
    written.map_err(output_error)
}

/// Whether a path can be written as an output (its directory exists).
pub fn check_writable(path: &Path) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = dir
        && !dir.is_dir()
    {
        return Err(Error::Output {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::NotFound, "directory does not exist"),
        });
    }
    if path.is_dir() {
        return Err(Error::Output {
            path: path.to_path_buf(),
            source: io::Error::other("is a directory"),
        });
    }
    let _ = fs::metadata(path);
    Ok(())
}
