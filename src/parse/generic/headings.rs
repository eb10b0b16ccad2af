//! The headings `ciw` knows, in the form they are compared in, and what each introduces:
//! actions asked of the council, findings, a principle of the Act or a theme, the other parts.

use crate::model::Theme;
use crate::parse::lengths::Lengths;

/// What a known heading introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Actions asked of the council: recommendations.
    Recommendations,
    /// Findings: the overview.
    Findings,
    Introduction,
    NextSteps,
    Methodology,
    Acknowledgements,
    Contents,
    /// A principle of the Act or a 2018 theme.
    Theme,
    /// A letter's sign-off: "Yours sincerely,".
    Closing,
}

const RECOMMENDATIONS: [&str; 27] = [
    "areas for development",
    "priority areas for development",
    "key areas for development",
    "areas for further development",
    "areas for development and improvement",
    "areas for improvement and development",
    "priorities for improvement",
    "priorities for development",
    "key priorities for improvement",
    "priority areas for improvement",
    "areas requiring improvement",
    "areas requiring further improvement",
    "areas for improvement",
    "areas identified for improvement",
    "areas identified for development",
    "areas where improvement is required",
    "areas where improvement is needed",
    "improvement required",
    "improvements required",
    "recommendations",
    "key recommendations",
    "our recommendations",
    "recommendations for improvement",
    "what needs to improve",
    "areas for action",
    "actions required",
    "priority actions",
];

const FINDINGS: [&str; 24] = [
    "key strengths",
    "strengths",
    "areas of strength",
    "key improvements identified",
    "improvements identified",
    "areas of improvement identified",
    "key improvements",
    "findings",
    "summary of findings",
    "key findings",
    "main findings",
    "our findings",
    "what we found",
    "overview",
    "overview of findings",
    "overview of key findings",
    "summary",
    "executive summary",
    "progress made",
    "progress since the last inspection",
    "what is working well",
    "what's working well",
    "positive practice",
    "areas of good practice",
];

/// The principles of the Social Services and Well-being (Wales) Act, as PEI reports title
/// their sections (keys as [`heading_key`] makes them).
const PRINCIPLES: [&str; 12] = [
    "people voice and control",
    "people voice choice and control",
    "voice and control",
    "people",
    "prevention",
    "prevention and early intervention",
    "partnerships and integration",
    "partnership and integration",
    "partnerships",
    "well being",
    "wellbeing",
    "safeguarding",
];

/// Lower case, dashes and slashes as spaces, `&` as `and`, curly apostrophes straight, one
/// space between words, trailing `:` and `.` dropped: the form headings are compared in.
pub fn heading_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    heading_key_into(s, &mut k);
    k
}

/// [`heading_key`] written into `k` (cleared first), so a caller can reuse one buffer.
fn heading_key_into(s: &str, k: &mut String) {
    k.clear();
    for c in s.chars() {
        let f = crate::text::fold_char(c);
        let f = match f {
            '-' | '/' | '_' => ' ',
            c => c,
        };
        if f.is_whitespace() {
            if !k.is_empty() && !k.ends_with(' ') {
                k.push(' ');
            }
        } else if f == '&' {
            k.push_str("and");
        } else {
            k.push(f);
        }
    }
    let t = k.trim_end().trim_end_matches([':', '.', ' ']).len();
    k.truncate(t);
}

/// What a heading introduces, if it is one `ciw` knows.
pub fn part_of(heading: &str) -> Option<Part> {
    if heading.len() > 100 {
        return None;
    }
    thread_local! {
        // Every line is asked about; one buffer per thread spares an allocation each time.
        static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    KEY.with_borrow_mut(|k| {
        heading_key_into(heading, k);
        part_of_key(heading, k)
    })
}

/// The other parts' headings, as keys.
const OTHER_PARTS: [(&str, Part); 24] = [
    ("introduction", Part::Introduction),
    ("background", Part::Introduction),
    ("about this report", Part::Introduction),
    ("about the inspection", Part::Introduction),
    ("purpose of the inspection", Part::Introduction),
    ("scope of the inspection", Part::Introduction),
    ("next steps", Part::NextSteps),
    ("what happens next", Part::NextSteps),
    ("methodology", Part::Methodology),
    ("method", Part::Methodology),
    ("how we inspected", Part::Methodology),
    ("our approach", Part::Methodology),
    ("acknowledgements", Part::Acknowledgements),
    ("acknowledgments", Part::Acknowledgements),
    ("contents", Part::Contents),
    ("table of contents", Part::Contents),
    ("yours sincerely,", Part::Closing),
    ("yours faithfully,", Part::Closing),
    ("yours sincerely", Part::Closing),
    ("yours faithfully", Part::Closing),
    ("kind regards,", Part::Closing),
    ("kind regards", Part::Closing),
    ("yn gywir,", Part::Closing),
    ("yn gywir", Part::Closing),
];

/// The lengths (bytes) of every key above, one bit each: a key of no such length is none of
/// them, and only a theme's heading may still name a part.
const KEY_LENGTHS: Lengths = {
    let mut set = Lengths::of(&RECOMMENDATIONS)
        .union(Lengths::of(&FINDINGS))
        .union(Lengths::of(&PRINCIPLES));
    let mut i = 0;
    while i < OTHER_PARTS.len() {
        set = set.with(OTHER_PARTS[i].0.len());
        i += 1;
    }
    set
};

/// [`part_of`] given the heading's key.
fn part_of_key(heading: &str, k: &str) -> Option<Part> {
    if !KEY_LENGTHS.may_hold(k.len()) {
        return theme_of(heading).map(|_| Part::Theme);
    }
    if RECOMMENDATIONS.contains(&k) {
        Some(Part::Recommendations)
    } else if FINDINGS.contains(&k) {
        Some(Part::Findings)
    } else if PRINCIPLES.contains(&k) || theme_of(heading).is_some() {
        Some(Part::Theme)
    } else {
        OTHER_PARTS.iter().find(|(o, _)| *o == k).map(|(_, p)| *p)
    }
}

/// The theme a section heading names: a 2018 theme, or (once the model knows them) a principle
/// of the Act.
pub fn theme_of(heading: &str) -> Option<Theme> {
    if heading.len() > 100 {
        return None;
    }
    crate::model::Theme::from_title(heading).filter(|_| {
        // Only a heading that is the theme's name, not a sentence that starts with it.
        heading.split_whitespace().count() <= 10
    })
}

/// "People – voice and control: People are ..." split into the heading and its text, when the
/// part before the colon is a heading `ciw` knows.
pub fn inline_heading(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    let colon = t.find(':')?;
    if colon > 60 {
        return None;
    }
    let (head, rest) = (&t[..colon], t[colon + 1..].trim());
    if rest.is_empty() || head.trim().is_empty() {
        return None;
    }
    let part = part_of(head)?;
    matches!(
        part,
        Part::Theme | Part::Recommendations | Part::Findings | Part::NextSteps
    )
    .then_some((head.trim(), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`part_of`] as it was written, every list searched for a fresh key: the reference the
    /// length filter must agree with.
    fn part_of_by_lists(heading: &str) -> Option<Part> {
        if heading.len() > 100 {
            return None;
        }
        let k = heading_key(heading);
        let k = k.as_str();
        if RECOMMENDATIONS.contains(&k) {
            Some(Part::Recommendations)
        } else if FINDINGS.contains(&k) {
            Some(Part::Findings)
        } else if PRINCIPLES.contains(&k) || theme_of(heading).is_some() {
            Some(Part::Theme)
        } else {
            OTHER_PARTS.iter().find(|(o, _)| *o == k).map(|(_, p)| *p)
        }
    }

    #[test]
    fn part_of_agrees_with_searching_every_list() {
        let keys = RECOMMENDATIONS.iter().chain(&FINDINGS).chain(&PRINCIPLES);
        let keys = keys.chain(OTHER_PARTS.iter().map(|(k, _)| k));
        let mut headings: Vec<String> = Vec::new();
        for k in keys {
            let upper = k.to_uppercase();
            headings.extend([
                k.to_string(),
                format!("{upper}:"),
                format!("{k}s"),
                k[1..].into(),
            ]);
            headings.push(k.replace(" and ", " & ").replace(' ', " - "));
        }
        headings.extend(
            [
                "ab",
                "",
                "3. Access arrangements",
                "Principle 1: Prevention",
                "Leadership, management & governance",
                "Partneriaethau ac integreiddio",
                "Llesiant",
                "Diogelu",
                "Yn gywir,",
                "What’s working well",
                "Access to services for people who need care and support at home",
                "The local authority",
            ]
            .map(String::from),
        );
        headings.push("Key findings ".repeat(9));
        let mut parts = 0;
        for h in &headings {
            assert_eq!(part_of(h), part_of_by_lists(h), "{h:?}");
            parts += usize::from(part_of(h).is_some());
        }
        assert!(parts > 150, "{parts}");
    }
}
