//! Usage errors exit 2 and list what is valid, without echoing escapes.

use super::{ciw, stderr};

#[test]
fn usage_errors_exit_2_and_list_what_is_valid() {
    let o = ciw(&["compare", "safegaurding", "--width", "100"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("unknown theme `safegaurding`"), "{e}");
    for k in [
        "access",
        "assessment",
        "care-and-support",
        "safeguarding",
        "leadership",
    ] {
        assert!(e.contains(k), "{e}");
    }
    assert!(o.stdout.is_empty());

    let o = ciw(&["compare", "safeguarding", "cardiff"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("no report for council `cardiff`"), "{e}");
    assert!(e.contains("pembrokeshire, swansea"), "{e}");
    assert!(o.stdout.is_empty());

    let o = ciw(&["compare", "swansea", "safeguarding", "pembrokeshire"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("the theme comes first: ciw compare safeguarding swansea pembrokeshire"),
        "{}",
        stderr(&o)
    );

    let o = ciw(&["compare"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("which theme?") && e.contains("care-and-support"),
        "{e}"
    );

    let o = ciw(&["compare", "leadership", "--width", "5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--width 5 is too narrow"));

    let o = ciw(&["compare", "--matrix", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no report for council `nowhere`"));

    // Escape sequences in arguments are not echoed to the terminal.
    let o = ciw(&["compare", "x\x1b]0;pwned\x07y"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains('\x1b'));
}
