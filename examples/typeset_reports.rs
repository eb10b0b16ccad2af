//! Typesets the two sample reports as PDFs in CIW's layout (see `tests/common/typeset.rs`):
//! `cargo run --example typeset_reports -- DIR` writes `DIR/<id>.pdf`.

#[allow(dead_code)]
#[path = "../tests/common/typeset.rs"]
mod typeset;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/typeset".into()),
    );
    std::fs::create_dir_all(&dir)?;
    for (name, text) in ciw::corpus::SAMPLES {
        let report = ciw::parse::parse_str(text, name).expect("the samples parse");
        let path = dir.join(format!("{}.pdf", report.id));
        std::fs::write(&path, typeset::report_pdf(&report))?;
        println!("{}", path.display());
    }
    Ok(())
}
