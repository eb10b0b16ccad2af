//! Citations say what the document is: its kind, what it is about and the services.

use ciw::corpus::Corpus;
use ciw::model::{Kind, Services};

#[test]
fn citations_say_what_the_document_is() {
    let sample = Corpus::samples().reports.remove(0);
    assert_eq!(
        sample.document_label(),
        "CIW inspection of children's services"
    );
    let mut r = sample.clone();
    (r.kind, r.about, r.services) = (Some(Kind::Pei), None, Some(Services::Both));
    assert_eq!(
        r.document_label(),
        "CIW performance evaluation inspection of adults' and children's services"
    );
    (r.kind, r.about, r.services) = (
        Some(Kind::SummaryPage),
        Some(Kind::FollowUp),
        Some(Services::Children),
    );
    assert_eq!(
        r.document_label(),
        "CIW summary of the follow-up inspection of children's services"
    );
    (r.kind, r.about) = (Some(Kind::News), Some(Kind::ImprovementCheck));
    assert_eq!(
        r.document_label(),
        "CIW news release on the improvement check of children's services"
    );
    assert!(r
        .citation("R2")
        .starts_with("CIW news release on the improvement check of children's services, Pembrokeshire County Council, September 2018, area for development 2"));
}
