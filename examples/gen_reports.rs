//! Writes generated report files (the samples, councils renamed and wording varied) for
//! end-to-end timing of `ciw search --reports DIR`, and the same text pre-split into
//! paragraphs (one a line) for `fzf --filter`.
//!
//! `cargo run --release --example gen_reports -- DIR [COUNT]` writes `DIR/reports/*.txt` and
//! `DIR/paragraphs.txt`.

use ciw::corpus::{load_paths, Corpus};
use ciw::search::synth;
use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "target/gen-reports".into()));
    let count: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports)?;
    for i in 0..count {
        std::fs::write(reports.join(format!("r{i:04}.txt")), synth::report_text(i))?;
    }
    let (loaded, errors) = load_paths(std::slice::from_ref(&reports));
    for e in &errors {
        eprintln!("{e}");
    }
    let corpus = Corpus::new(loaded.into_iter().map(|l| l.report).collect());
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("paragraphs.txt"))?);
    let mut n = 0;
    for r in &corpus.reports {
        for s in &r.sections {
            for p in &s.paragraphs {
                writeln!(
                    out,
                    "{}#{}\t{}",
                    r.id,
                    p.id,
                    p.text.replace(['\n', '\t'], " ")
                )?;
                n += 1;
            }
        }
    }
    eprintln!(
        "{} reports ({} failed), {n} paragraphs in {}",
        corpus.reports.len(),
        errors.len(),
        dir.display()
    );
    Ok(())
}
