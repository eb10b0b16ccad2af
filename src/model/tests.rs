use super::*;

#[test]
fn slugs() {
    assert_eq!(slug("Areas for development"), "areas-for-development");
    assert_eq!(slug("  Inspection Team: "), "inspection-team");
    assert_eq!(
        slug("City and County of Swansea"),
        "city-and-county-of-swansea"
    );
}

#[test]
fn theme_keys_round_trip() {
    for t in Theme::ALL {
        assert_eq!(Theme::from_key(t.key()), Some(t));
        assert_eq!(Theme::from_input(t.key()), Some(t));
        assert_eq!(Theme::from_title(t.title()), Some(t), "{t}");
        assert_eq!(Theme::from_input(t.title()), Some(t), "{t}");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!("\"{}\"", t.key()));
    }
    // The JSON keys of the 2018 themes stay as they were.
    let keys: Vec<&str> = Framework::Inspection2018
        .themes()
        .iter()
        .map(|t| t.key())
        .collect();
    assert_eq!(
        keys,
        [
            "access",
            "assessment",
            "care-and-support",
            "safeguarding",
            "leadership"
        ]
    );
    for f in Framework::ALL {
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(json, format!("\"{}\"", f.key()));
        for t in f.themes() {
            assert!(t.frameworks().contains(&f), "{t} in {f}");
        }
    }
}

#[test]
fn every_theme_is_in_its_frameworks_and_safeguarding_in_both() {
    for t in Theme::ALL {
        for f in t.frameworks() {
            assert!(f.themes().contains(&t), "{t} in {f}");
        }
    }
    assert_eq!(Theme::Safeguarding.frameworks(), Framework::ALL);
    assert_eq!(Framework::ActPrinciples.themes().len(), 5);
    assert_eq!(
        Framework::of_themes([Theme::Safeguarding, Theme::WellBeing]),
        Some(Framework::ActPrinciples)
    );
    assert_eq!(
        Framework::of_themes([Theme::Safeguarding, Theme::Access]),
        Some(Framework::Inspection2018)
    );
    assert_eq!(Framework::of_themes([Theme::Safeguarding]), None);
}

#[test]
fn theme_titles_as_reports_print_them() {
    use Theme::*;
    for (t, want) in [
        ("Leadership, management & governance", Leadership),
        ("Leadership, Management and Governance", Leadership),
        (
            "Access arrangements: Information, Advice and Assistance (IAA)",
            Access,
        ),
        ("Care and Support and Pathway Planning", CareAndSupport),
        ("care and support and pathway planning", CareAndSupport),
        ("4. Safeguarding", Safeguarding),
        ("Assessment", Assessment),
        ("IAA", Access),
        ("People – voice and control", VoiceAndControl),
        ("People - Voice and Control", VoiceAndControl),
        ("People — voice & control", VoiceAndControl),
        (
            "People - voice and control: people are supported to",
            VoiceAndControl,
        ),
        ("1. People", VoiceAndControl),
        ("Principle 2: Prevention", Prevention),
        ("PREVENTION", Prevention),
        ("Partnerships and integration", Partnerships),
        ("Partnership & Integration", Partnerships),
        ("Well-being", WellBeing),
        ("Wellbeing", WellBeing),
        ("Well‐being", WellBeing),
        ("5 Safeguarding:", Safeguarding),
        // Welsh, as CIW's Welsh reports print them.
        ("4. Diogelu", Safeguarding),
        ("Pobl – llais a rheolaeth", VoiceAndControl),
        ("Llesiant", WellBeing),
        ("Atal", Prevention),
        ("Partneriaethau ac integreiddio", Partnerships),
        ("Arweinyddiaeth, rheolaeth a llywodraethu", Leadership),
        ("Trefniadau mynediad: Gwybodaeth, Cyngor a Chymorth", Access),
        ("Gofal a Chymorth a Chynllunio Llwybrau", CareAndSupport),
        ("Asesu", Assessment),
    ] {
        assert_eq!(Theme::from_title(t), Some(want), "{t}");
    }
    for none in [
        "Methodology",
        "Participation",
        "People who need care and support",
        "Peoples",
        "",
        "1.",
        "Accessible information",
        "• Safeguarding arrangements are robust.",
        "- Assessments must be updated",
        "(Prevention)",
    ] {
        assert_eq!(Theme::from_title(none), None, "{none}");
    }
    let long = format!("Safeguarding {}", "word ".repeat(100));
    assert_eq!(Theme::from_title(&long), None);
}

#[test]
fn themes_as_users_type_them() {
    use Theme::*;
    for (typed, want) in [
        ("care", CareAndSupport),
        ("Care and Support", CareAndSupport),
        ("SAFE", Safeguarding),
        ("iaa", Access),
        ("lead", Leadership),
        ("voice", VoiceAndControl),
        ("people", VoiceAndControl),
        ("voice and control", VoiceAndControl),
        ("prev", Prevention),
        ("partner", Partnerships),
        ("integration", Partnerships),
        ("wellbeing", WellBeing),
        ("well", WellBeing),
        ("well-being", WellBeing),
        (" Prevention ", Prevention),
    ] {
        assert_eq!(Theme::from_input(typed), Some(want), "{typed}");
    }
    for none in ["a", "p", "swansea", "", "3", "--"] {
        assert_eq!(Theme::from_input(none), None, "{none}");
    }
}

#[test]
fn themes_step_within_a_list() {
    let five = Framework::Inspection2018.themes();
    let mut t = Theme::Access;
    let mut seen = vec![];
    for _ in 0..5 {
        seen.push(t);
        t = t.next_in(five);
    }
    assert_eq!(seen, five);
    assert_eq!(t, Theme::Access);
    assert_eq!(Theme::Access.previous_in(five), Theme::Leadership);
    assert_eq!(
        Theme::Safeguarding.next_in(five).previous_in(five),
        Theme::Safeguarding
    );
    let act = Framework::ActPrinciples.themes();
    assert_eq!(Theme::Access.next_in(act), Theme::VoiceAndControl);
    assert_eq!(Theme::Access.previous_in(act), Theme::Safeguarding);
    assert_eq!(Theme::Safeguarding.next_in(act), Theme::VoiceAndControl);
    assert_eq!(Theme::Prevention.next_in(&[]), Theme::Prevention);
}

#[test]
fn kind_keys_round_trip() {
    for k in Kind::ALL {
        assert_eq!(Kind::from_key(k.key()), Some(k));
        assert_eq!(Kind::from_key(k.label()), Some(k));
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            format!("\"{}\"", k.key())
        );
        assert!(k.short().chars().count() <= 11);
    }
    assert_eq!(
        serde_json::to_string(&Family::Report2018).unwrap(),
        "\"report-2018\""
    );
}

#[test]
fn inspection_labels() {
    let i = Inspection {
        month: "July".into(),
        month_number: 7,
        year: 2018,
    };
    assert_eq!(i.label(), "July 2018");
    let u = Inspection {
        month: String::new(),
        month_number: 0,
        year: 0,
    };
    assert_eq!(u.label(), "date unknown");
}
