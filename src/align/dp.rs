//! Dynamic programming over beads inside a search band: the best monotonic
//! alignment (Viterbi) and each bead's posterior probability (forward-backward).
//!
//! A state `(i, j)` means "the first `i` Korean and `j` English sentences are
//! aligned". A bead of type `(a, b)` moves from `(i, j)` to `(i + a, j + b)`.
//! Only states inside the band are visited, so time and memory grow with
//! `n * width`, not `n * m`.

use super::BEAD_TYPES;

/// Which English positions `j` are allowed for each Korean position `i`
/// (inclusive ranges, monotonic, connected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
}

impl Band {
    /// Every state: for short documents.
    pub fn full(n: usize, m: usize) -> Self {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }

    /// A band of half-width `width` around a path given as one English
    /// position per Korean position (`center.len() == n + 1`).
    pub fn around(center: &[usize], width: usize, m: usize) -> Self {
        let n = center.len().saturating_sub(1);
        let mut lo: Vec<usize> = center.iter().map(|&c| c.saturating_sub(width)).collect();
        let mut hi: Vec<usize> = center.iter().map(|&c| (c + width).min(m)).collect();
        lo[0] = 0;
        hi[n] = m;
        // Monotonic and connected: lo and hi never decrease, and each row
        // starts no later than the previous row ends.
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]);
            hi[i] = hi[i].max(hi[i - 1]);
        }
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
            hi[i] = hi[i].min(hi[i + 1]);
        }
        for i in 1..=n {
            lo[i] = lo[i].min(hi[i - 1]);
        }
        Band { lo, hi }
    }

    /// The straight diagonal from `(0, 0)` to `(n, m)`.
    pub fn diagonal(n: usize, m: usize, width: usize) -> Self {
        let center: Vec<usize> = (0..=n)
            .map(|i| (i * m).checked_div(n).unwrap_or(m))
            .collect();
        Self::around(&center, width, m)
    }

    pub fn contains(&self, i: usize, j: usize) -> bool {
        i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i]
    }

    fn row_len(&self, i: usize) -> usize {
        self.hi[i] - self.lo[i] + 1
    }

    /// Number of states inside the band.
    pub fn states(&self) -> usize {
        (0..self.lo.len()).map(|i| self.row_len(i)).sum()
    }
}

/// A bead on a path: start state and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathBead {
    pub i: usize,
    pub j: usize,
    pub ko: usize,
    pub en: usize,
}

/// The outcome of decoding: the best path and the posterior of each of its
/// beads.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub path: Vec<PathBead>,
    pub posteriors: Vec<f64>,
    /// Whether the path runs along the band's edge somewhere (a wider band
    /// might find a better path).
    pub touches_edge: bool,
}

/// Flat storage of one value per (state, bead type) inside a band.
struct Grid {
    offsets: Vec<usize>,
    lo: Vec<usize>,
}

impl Grid {
    fn new(band: &Band) -> Self {
        let mut offsets = Vec::with_capacity(band.lo.len());
        let mut total = 0;
        for i in 0..band.lo.len() {
            offsets.push(total);
            total += band.row_len(i);
        }
        Grid {
            offsets,
            lo: band.lo.clone(),
        }
    }

    fn index(&self, i: usize, j: usize) -> usize {
        self.offsets[i] + (j - self.lo[i])
    }
}

fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// Scores every bead that starts and ends inside the band. `score(i, j, a, b)`
/// is the log-potential of aligning Korean `i..i+a` with English `j..j+b`.
/// Returns per start state, per bead type, the score (−∞ when not allowed).
fn bead_scores(
    band: &Band,
    grid: &Grid,
    n: usize,
    m: usize,
    score: &mut dyn FnMut(usize, usize, usize, usize) -> f64,
) -> Vec<[f32; BEAD_TYPES.len()]> {
    // f32 halves the largest table; scores are log-potentials of a few units.
    let mut scores = vec![[f32::NEG_INFINITY; BEAD_TYPES.len()]; band.states()];
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let row = &mut scores[grid.index(i, j)];
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                let (ni, nj) = (i + a, j + b);
                if ni <= n && nj <= m && band.contains(ni, nj) {
                    row[t] = score(i, j, a, b) as f32;
                }
            }
        }
    }
    scores
}

/// Finds the best path and its beads' posteriors.
pub fn decode(
    n: usize,
    m: usize,
    band: &Band,
    score: &mut dyn FnMut(usize, usize, usize, usize) -> f64,
) -> Decoded {
    let grid = Grid::new(band);
    let scores = bead_scores(band, &grid, n, m, score);
    let states = band.states();

    // Forward (log-sum-exp) and Viterbi together, in state order.
    let mut alpha = vec![f64::NEG_INFINITY; states];
    let mut best = vec![f64::NEG_INFINITY; states];
    let mut back: Vec<u8> = vec![u8::MAX; states];
    alpha[grid.index(0, 0)] = 0.0;
    best[grid.index(0, 0)] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = grid.index(i, j);
            let (a_here, v_here) = (alpha[here], best[here]);
            if v_here == f64::NEG_INFINITY {
                continue;
            }
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                let s = f64::from(scores[here][t]);
                if s == f64::NEG_INFINITY {
                    continue;
                }
                let next = grid.index(i + a, j + b);
                alpha[next] = log_add(alpha[next], a_here + s);
                if v_here + s > best[next] {
                    best[next] = v_here + s;
                    back[next] = t as u8;
                }
            }
        }
    }

    // Backward.
    let mut beta = vec![f64::NEG_INFINITY; states];
    beta[grid.index(n, m)] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let here = grid.index(i, j);
            let mut acc = beta[here];
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                let s = f64::from(scores[here][t]);
                if s == f64::NEG_INFINITY {
                    continue;
                }
                acc = log_add(acc, s + beta[grid.index(i + a, j + b)]);
            }
            beta[here] = acc;
        }
    }
    let log_z = alpha[grid.index(n, m)];

    // Trace back the best path.
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let t = back[grid.index(i, j)] as usize;
        let Some(&(a, b)) = BEAD_TYPES.get(t) else {
            break; // unreachable with a connected band; keeps the loop finite
        };
        i -= a;
        j -= b;
        path.push(PathBead { i, j, ko: a, en: b });
    }
    path.reverse();

    let mut touches_edge = false;
    let posteriors = path
        .iter()
        .map(|bead| {
            let here = grid.index(bead.i, bead.j);
            let t = BEAD_TYPES
                .iter()
                .position(|&(a, b)| a == bead.ko && b == bead.en)
                .unwrap_or(0);
            let end = grid.index(bead.i + bead.ko, bead.j + bead.en);
            let lp = alpha[here] + f64::from(scores[here][t]) + beta[end] - log_z;
            for (ii, jj) in [(bead.i, bead.j), (bead.i + bead.ko, bead.j + bead.en)] {
                let at_lo = jj == band.lo[ii] && jj > 0;
                let at_hi = jj == band.hi[ii] && jj < m;
                touches_edge |= at_lo || at_hi;
            }
            if lp.is_finite() {
                lp.exp().clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect();
    Decoded {
        path,
        posteriors,
        touches_edge,
    }
}

/// Posterior marginals of every bead in the band, for training: calls
/// `visit(i, j, a, b, probability)` for each bead with a finite score, and
/// returns log Z.
pub fn marginals(
    n: usize,
    m: usize,
    band: &Band,
    score: &mut dyn FnMut(usize, usize, usize, usize) -> f64,
    visit: &mut dyn FnMut(usize, usize, usize, usize, f64),
) -> f64 {
    let grid = Grid::new(band);
    let scores = bead_scores(band, &grid, n, m, score);
    let states = band.states();
    let mut alpha = vec![f64::NEG_INFINITY; states];
    alpha[grid.index(0, 0)] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = grid.index(i, j);
            if alpha[here] == f64::NEG_INFINITY {
                continue;
            }
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                let s = f64::from(scores[here][t]);
                if s > f64::NEG_INFINITY {
                    let next = grid.index(i + a, j + b);
                    alpha[next] = log_add(alpha[next], alpha[here] + s);
                }
            }
        }
    }
    let mut beta = vec![f64::NEG_INFINITY; states];
    beta[grid.index(n, m)] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let here = grid.index(i, j);
            let mut acc = beta[here];
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                let s = f64::from(scores[here][t]);
                if s > f64::NEG_INFINITY {
                    acc = log_add(acc, s + beta[grid.index(i + a, j + b)]);
                }
            }
            beta[here] = acc;
        }
    }
    let log_z = alpha[grid.index(n, m)];
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = grid.index(i, j);
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                let s = f64::from(scores[here][t]);
                if s > f64::NEG_INFINITY {
                    let lp = alpha[here] + s + beta[grid.index(i + a, j + b)] - log_z;
                    if lp.is_finite() {
                        visit(i, j, a, b, lp.exp());
                    }
                }
            }
        }
    }
    log_z
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy score: 1-1 beads on the diagonal are good, everything else bad,
    /// except that Korean sentence 2 is dropped (1-0).
    fn toy(i: usize, j: usize, a: usize, b: usize) -> f64 {
        match (a, b) {
            (1, 1) if (i < 2 && i == j) || (i > 2 && i == j + 1) => 2.0,
            (1, 0) if i == 2 => 0.5,
            _ => -3.0,
        }
    }

    #[test]
    fn finds_the_planted_path_with_an_omission() {
        let decoded = decode(5, 4, &Band::full(5, 4), &mut toy);
        let kinds: Vec<(usize, usize, usize, usize)> = decoded
            .path
            .iter()
            .map(|b| (b.i, b.j, b.ko, b.en))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (0, 0, 1, 1),
                (1, 1, 1, 1),
                (2, 2, 1, 0),
                (3, 2, 1, 1),
                (4, 3, 1, 1)
            ]
        );
        assert!(decoded.posteriors.iter().all(|p| *p > 0.5 && *p <= 1.0));
    }

    #[test]
    fn marginals_of_each_position_sum_to_one() {
        let band = Band::full(4, 4);
        let mut mass_through_row = [0.0; 5];
        marginals(4, 4, &band, &mut toy, &mut |i, _, a, _, p| {
            if a > 0 {
                for mass in &mut mass_through_row[i..i + a] {
                    *mass += p;
                }
            }
        });
        // Every Korean sentence is covered by exactly one bead on each path.
        for r in 0..4 {
            assert!(
                (mass_through_row[r] - 1.0).abs() < 1e-9,
                "{mass_through_row:?}"
            );
        }
    }

    #[test]
    fn band_is_connected_and_covers_the_corners() {
        let band = Band::diagonal(100, 40, 3);
        assert!(band.contains(0, 0) && band.contains(100, 40));
        for i in 1..=100 {
            assert!(band.lo[i] >= band.lo[i - 1] && band.lo[i] <= band.hi[i - 1]);
        }
        let decoded = decode(100, 40, &band, &mut |_, _, a, b| {
            if a == 1 && b <= 1 { 0.0 } else { -1.0 }
        });
        let covered: usize = decoded.path.iter().map(|b| b.ko).sum();
        assert_eq!(covered, 100);
        assert_eq!(decoded.path.iter().map(|b| b.en).sum::<usize>(), 40);
    }

    #[test]
    fn every_bead_type_can_be_chosen() {
        // Reward exactly one planted bead of each type along a path.
        let plan = [
            (1, 1),
            (2, 2),
            (3, 1),
            (1, 3),
            (2, 1),
            (1, 2),
            (1, 0),
            (0, 1),
        ];
        let mut starts = Vec::new();
        let (mut i, mut j) = (0, 0);
        for &(a, b) in &plan {
            starts.push((i, j, a, b));
            i += a;
            j += b;
        }
        let (n, m) = (i, j);
        let decoded = decode(n, m, &Band::full(n, m), &mut |i, j, a, b| {
            if starts.contains(&(i, j, a, b)) {
                1.0
            } else {
                -5.0
            }
        });
        let got: Vec<(usize, usize)> = decoded.path.iter().map(|b| (b.ko, b.en)).collect();
        assert_eq!(got, plan);
    }

    #[test]
    fn empty_sides_align_to_null_beads() {
        let decoded = decode(0, 3, &Band::full(0, 3), &mut |_, _, _, _| 0.0);
        assert_eq!(decoded.path.len(), 3);
        assert!(decoded.path.iter().all(|b| b.ko == 0 && b.en == 1));
    }
}
