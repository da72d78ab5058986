//! The Rust decompiler must write exactly what the project's reference decompiler
//! (`shared/tools/decompile-mecab-dic.py`) writes. Runs when `../shared` is beside
//! the checkout and python3 is available; says so when it skips.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const OUTPUT_FILES: [&str; 4] = ["mecab-ko-dic.csv", "unk.def", "matrix.def", "char.def"];

fn reference_script() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("../shared/tools/decompile-mecab-dic.py");
    script.is_file().then_some(script)
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    let (mut fa, mut fb) = (fs::File::open(a).unwrap(), fs::File::open(b).unwrap());
    if fa.metadata().unwrap().len() != fb.metadata().unwrap().len() {
        return false;
    }
    let (mut ba, mut bb) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    loop {
        let na = fa.read(&mut ba).unwrap();
        let mut filled = 0;
        while filled < na {
            let nb = fb.read(&mut bb[filled..na]).unwrap();
            assert!(nb > 0, "{} ended early", b.display());
            filled += nb;
        }
        if na == 0 {
            return true;
        }
        if ba[..na] != bb[..na] {
            return false;
        }
    }
}

#[test]
fn decompiler_output_is_identical_to_the_reference() {
    let Some(script) = reference_script() else {
        eprintln!("SKIPPED: ../shared/tools/decompile-mecab-dic.py not found beside the checkout");
        return;
    };
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIPPED: python3 not found");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let status = Command::new("tar")
        .args(["xzf", koalign_ko_dic::SDIST_PATH, "-C"])
        .arg(tmp.path())
        .status()
        .expect("tar");
    assert!(status.success(), "extracting the sdist failed");
    let compiled = tmp
        .path()
        .join("python-mecab-ko-dic-2.1.1.post2/mecab_ko_dic/dictionary");

    let reference_out = tmp.path().join("reference");
    let status = Command::new("python3")
        .arg(&script)
        .arg(&compiled)
        .arg(&reference_out)
        .status()
        .expect("python3");
    assert!(status.success(), "reference decompiler failed");

    let ours = tmp.path().join("ours");
    let summary = koalign_ko_dic::decompile::decompile(&compiled, &ours, true).unwrap();
    assert_eq!(summary.lexicon_rows, 816_283);
    assert_eq!(summary.matrix_size, (3822, 2693));

    for name in OUTPUT_FILES {
        assert!(
            same_bytes(&reference_out.join(name), &ours.join(name)),
            "{name} differs from the reference decompiler's"
        );
    }
}
