//! Bakes mecab-ko's left-space penalty into the connection costs of a
//! dictionary's source files, so that lindera need not build its per-word
//! penalty table when a tokenizer starts.
//!
//! Why: lindera applies the penalty (`space_penalty` in `metadata.json`: a
//! particle, ending or suffix right after a space costs extra) through a table
//! with one entry per word, built in `Segmenter::new` by decoding the details
//! of all 816,283 ko-dic entries: ~95 ms, nearly all of koalign's start-up.
//! The same penalty can live in the connection costs instead:
//! - a candidate starts right after whitespace exactly when its left
//!   neighbour in the lattice is the `SPACE` unknown word (whitespace is a
//!   lattice node in lindera), whose right context id no other entry uses;
//! - the penalty depends on the candidate's first part-of-speech tag, and in
//!   mecab-ko-dic every left context id belongs to entries of one rule.
//!
//! So adding the rule's cost to `cost(SPACE's right id, left id)` for every
//! left id charges the same candidates the same amount, once, at build time.
//! [`bake`] checks both conditions on the files and refuses to bake otherwise.
//! The one difference from lindera's table: a candidate after one of the four
//! entries whose surface ends in a space (`내셔날 `) is not charged, which is
//! what mecab-ko itself does.
//!
//! This file is shared by the build script (`#[path]` include) and the library,
//! so it depends on `std` only.

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::decompile::{Result, format_error, io_error};

/// The lexicon file [`crate::decompile::decompile`] writes.
pub const LEXICON_FILE: &str = "mecab-ko-dic.csv";

/// One penalty rule: the first part-of-speech tags it charges, and how much.
/// The first rule listing a tag wins, as in lindera's `SpacePenaltyConfig`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltyRule {
    pub tags: Vec<String>,
    pub cost: i32,
}

/// What [`bake`] changed, in the source's (MeCab's) context ids: what the
/// build records so that tests can compare with lindera applying the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BakeSummary {
    /// Right context id of the `SPACE` unknown word.
    pub space_right_id: usize,
    /// `(left id, cost added)` for each left id whose entries are charged.
    pub added: Vec<(usize, i32)>,
}

/// The file (in the build's `OUT_DIR`) where the build records what it baked.
pub const RECORD_FILE: &str = "space-penalty-baked.tsv";

/// `summary` as the build records it: `space_right_id<TAB>R`, then one
/// `left id<TAB>cost` line per charged left id.
pub fn record(summary: &BakeSummary) -> String {
    let mut text = format!("space_right_id\t{}\n", summary.space_right_id);
    for (left, cost) in &summary.added {
        text.push_str(&format!("{left}\t{cost}\n"));
    }
    text
}

/// Reads what [`record`] wrote; `None` for an empty or malformed record.
pub fn parse_record(text: &str) -> Option<BakeSummary> {
    let mut lines = text.lines();
    let space_right_id = lines
        .next()?
        .strip_prefix("space_right_id\t")?
        .parse()
        .ok()?;
    let added = lines
        .map(|line| {
            let (left, cost) = line.split_once('\t')?;
            Some((left.parse().ok()?, cost.parse().ok()?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(BakeSummary {
        space_right_id,
        added,
    })
}

/// The fields of a lexicon or `unk.def` row that the penalty depends on.
struct Row<'a> {
    surface: &'a str,
    left_id: usize,
    right_id: usize,
    pos: &'a str,
}

impl<'a> Row<'a> {
    /// Parses `surface,left,right,cost,pos,...`; the surface may be quoted
    /// (`","`), the fields after it are not.
    fn parse(line: &'a str) -> Option<Row<'a>> {
        let (surface, rest) = match line.strip_prefix('"') {
            Some(quoted) => {
                // A quote inside a quoted surface is doubled.
                let mut end = 0;
                let bytes = quoted.as_bytes();
                loop {
                    let at = end + quoted.get(end..)?.find('"')?;
                    if bytes.get(at + 1) == Some(&b'"') {
                        end = at + 2;
                    } else {
                        break (quoted.get(..at)?, quoted.get(at + 1..)?.strip_prefix(',')?);
                    }
                }
            }
            None => line.split_once(',')?,
        };
        let mut fields = rest.split(',');
        let left_id = fields.next()?.parse().ok()?;
        let right_id = fields.next()?.parse().ok()?;
        let _cost = fields.next()?;
        let pos = fields.next()?;
        Some(Row {
            surface,
            left_id,
            right_id,
            pos,
        })
    }
}

/// The cost of the first rule listing the first tag of `pos` (`EP` of
/// `EP+EC`), 0 when none does.
fn cost_of(rules: &HashMap<&str, i32>, pos: &str) -> i32 {
    let first = pos.split('+').next().unwrap_or(pos);
    rules.get(first).copied().unwrap_or(0)
}

/// Adds the penalty to the `SPACE` row of `matrix.def` in `source_dir`, after
/// checking, from `unk.def` and the lexicon, that this charges exactly the
/// candidates lindera's table would (see the module doc).
pub fn bake(source_dir: &Path, rules: &[PenaltyRule]) -> Result<BakeSummary> {
    let mut cost_of_tag: HashMap<&str, i32> = HashMap::new();
    for rule in rules {
        for tag in &rule.tags {
            cost_of_tag.entry(tag.as_str()).or_insert(rule.cost);
        }
    }

    let unk_path = source_dir.join("unk.def");
    let lexicon_path = source_dir.join(LEXICON_FILE);
    let unk = fs::read_to_string(&unk_path).map_err(io_error(&unk_path))?;
    let lexicon = fs::read_to_string(&lexicon_path).map_err(io_error(&lexicon_path))?;
    let space_right_id = unk
        .lines()
        .filter_map(Row::parse)
        .find(|row| row.surface == "SPACE")
        .map(|row| row.right_id)
        .ok_or_else(|| format_error(&unk_path, "no SPACE entry"))?;

    // Penalty of each left id (None: no entry has it), and who ends in
    // SPACE's right id.
    let mut penalty_of_left: Vec<Option<i32>> = Vec::new();
    let mut space_right_users = 0usize;
    for (path, text) in [(&unk_path, &unk), (&lexicon_path, &lexicon)] {
        for (number, line) in text.lines().enumerate() {
            let row = Row::parse(line)
                .ok_or_else(|| format_error(path, format!("line {}: not a row", number + 1)))?;
            if row.right_id == space_right_id {
                space_right_users += 1;
            }
            let penalty = cost_of(&cost_of_tag, row.pos);
            if penalty_of_left.len() <= row.left_id {
                penalty_of_left.resize(row.left_id + 1, None);
            }
            match penalty_of_left.get_mut(row.left_id) {
                Some(Some(known)) if *known != penalty => {
                    return Err(format_error(
                        path,
                        format!(
                            "line {}: left id {} is shared by entries of different \
                             space penalties; the penalty cannot be baked",
                            number + 1,
                            row.left_id
                        ),
                    ));
                }
                Some(slot) => *slot = Some(penalty),
                None => {}
            }
        }
    }
    if space_right_users != 1 {
        return Err(format_error(
            &lexicon_path,
            format!(
                "right id {space_right_id} of SPACE is used by {space_right_users} entries; \
                 the penalty cannot be baked"
            ),
        ));
    }
    let added: Vec<(usize, i32)> = penalty_of_left
        .iter()
        .enumerate()
        .filter_map(|(left, penalty)| penalty.filter(|&c| c != 0).map(|c| (left, c)))
        .collect();
    add_to_row(&source_dir.join("matrix.def"), space_right_id, &added)?;
    Ok(BakeSummary {
        space_right_id,
        added,
    })
}

/// Rewrites `matrix.def` (`right left cost` lines after a size line) with
/// the `(left, cost)` of `added` added to row `right`.
fn add_to_row(path: &Path, right: usize, added: &[(usize, i32)]) -> Result<()> {
    let add: HashMap<usize, i32> = added.iter().copied().collect();
    let row_prefix = format!("{right} ");
    let extra_on = |line: &str| -> Option<i32> {
        let left = line.strip_prefix(&row_prefix)?.split(' ').next()?;
        add.get(&left.parse::<usize>().ok()?).copied()
    };
    let text = fs::read_to_string(path).map_err(io_error(path))?;
    let baked_path = path.with_extension("def.baked");
    let file = fs::File::create(&baked_path).map_err(io_error(&baked_path))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut changed = 0usize;
    for (number, line) in text.lines().enumerate() {
        match extra_on(line).filter(|_| number > 0) {
            Some(extra) => {
                let bad_line = || format_error(path, format!("line {}: bad cost", number + 1));
                let (head, cost) = line.rsplit_once(' ').ok_or_else(bad_line)?;
                let cost: i32 = cost.parse().map_err(|_| bad_line())?;
                let baked = i16::try_from(cost + extra).map_err(|_| bad_line())?;
                writeln!(out, "{head} {baked}").map_err(io_error(&baked_path))?;
                changed += 1;
            }
            None => writeln!(out, "{line}").map_err(io_error(&baked_path))?,
        }
    }
    out.flush().map_err(io_error(&baked_path))?;
    drop(out);
    if changed != added.len() {
        return Err(format_error(
            path,
            format!("row {right}: {changed} costs changed, expected one per penalized left id"),
        ));
    }
    fs::rename(&baked_path, path).map_err(io_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<PenaltyRule> {
        vec![
            PenaltyRule {
                tags: vec!["EC".into(), "JX".into()],
                cost: 3000,
            },
            PenaltyRule {
                tags: vec!["JX".into(), "JKS".into()],
                cost: 6000,
            },
        ]
    }

    /// A source directory: context ids 0 (BOS/EOS), 1 noun, 2 topic
    /// particle, 3 ending, 4 SPACE, 5 subject particle.
    fn source(lexicon: &str, unk: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(LEXICON_FILE), lexicon).unwrap();
        fs::write(dir.path().join("unk.def"), unk).unwrap();
        let mut matrix = String::from("6 6\n");
        for r in 0..6 {
            for l in 0..6 {
                matrix.push_str(&format!("{r} {l} {}\n", r * 10 + l));
            }
        }
        fs::write(dir.path().join("matrix.def"), matrix).unwrap();
        dir
    }

    const LEXICON: &str = "\
학교,1,1,100,NNG,*,T,학교,*,*,*,*
\",\",1,1,100,SC,*,*,*,*,*,*,*
는,2,2,100,JX,*,T,는,*,*,*,*
가,5,5,100,JKS,*,F,가,*,*,*,*
고,3,3,100,EC,*,F,고,*,*,*,*
고는,3,3,100,EC+JX,*,T,고는,Inflect,EC,JX,*
";
    const UNK: &str = "SPACE,0,4,100,SP,*,*,*,*,*,*,*\nHANGUL,1,1,100,UNKNOWN,*,*,*,*,*,*,*\n";

    fn costs(dir: &Path) -> Vec<(usize, usize, i32)> {
        fs::read_to_string(dir.join("matrix.def"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|line| {
                let f: Vec<&str> = line.split(' ').collect();
                (
                    f[0].parse().unwrap(),
                    f[1].parse().unwrap(),
                    f[2].parse().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn charges_the_space_row_by_the_first_tag_of_each_left_id() {
        let dir = source(LEXICON, UNK);
        let summary = bake(dir.path(), &rules()).unwrap();
        assert_eq!(
            summary,
            BakeSummary {
                space_right_id: 4,
                added: vec![(2, 3000), (3, 3000), (5, 6000)]
            }
        );
        for (r, l, cost) in costs(dir.path()) {
            let base = (r * 10 + l) as i32;
            // JX is in both rules: the first wins.
            let expected = match (r, l) {
                (4, 2) | (4, 3) => base + 3000,
                (4, 5) => base + 6000,
                _ => base,
            };
            assert_eq!(cost, expected, "cost({r}, {l})");
        }
    }

    #[test]
    fn refuses_a_left_id_shared_by_two_rules() {
        // JX (rule 1) and JKS (rule 2) on left id 2.
        let lexicon = format!("{LEXICON}이,2,2,100,JKS,*,F,이,*,*,*,*\n");
        let dir = source(&lexicon, UNK);
        let err = bake(dir.path(), &rules()).unwrap_err().to_string();
        assert!(err.contains("left id 2"), "{err}");
    }

    #[test]
    fn refuses_a_space_right_id_other_entries_end_in() {
        let lexicon = format!("{LEXICON}저,1,4,100,NP,*,F,저,*,*,*,*\n");
        let dir = source(&lexicon, UNK);
        let err = bake(dir.path(), &rules()).unwrap_err().to_string();
        assert!(
            err.contains("right id 4 of SPACE is used by 2 entries"),
            "{err}"
        );
        // Nothing was written.
        assert_eq!(costs(dir.path())[4 * 6 + 2], (4, 2, 42));
    }

    #[test]
    fn the_record_reads_back() {
        let summary = BakeSummary {
            space_right_id: 3563,
            added: vec![(2, 3000), (17, 6000)],
        };
        assert_eq!(parse_record(&record(&summary)), Some(summary));
        assert_eq!(parse_record(""), None);
    }

    #[test]
    fn quoted_surfaces_are_parsed() {
        let row = Row::parse("\"a\"\"b,\",7,8,9,SY,*").unwrap();
        assert_eq!(
            (row.surface, row.left_id, row.right_id, row.pos),
            ("a\"\"b,", 7, 8, "SY")
        );
        assert!(Row::parse("no fields").is_none());
    }
}
