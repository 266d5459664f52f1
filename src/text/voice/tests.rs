//! Constructions of news writing, each in sentences written for the test, read with the voice
//! lists of the shipped English rules file.

use std::collections::HashSet;

use super::*;
use crate::text::{normalize, split_sentences, tokenize};

/// The cues of the English rules file's `[rules.voice]` table, and its abbreviations.
fn english() -> (VoiceCues, HashSet<String>) {
    let text = include_str!("../../../lexicons/rules/en.toml");
    let doc: toml_edit::DocumentMut = text.parse().expect("the rules file is TOML");
    let strings = |item: &toml_edit::Item| -> Vec<String> {
        item.as_array()
            .expect("a list")
            .iter()
            .map(|v| v.as_str().expect("a string").to_string())
            .collect()
    };
    let mut cues = VoiceCues::default();
    for (list, item) in doc["rules"]["voice"].as_table().expect("a table").iter() {
        assert!(cues.add_list(list, &strings(item)), "unknown list {list}");
    }
    let abbreviations = strings(&doc["rules"]["abbreviations"])
        .into_iter()
        .collect();
    (cues, abbreviations)
}

/// A text read: its spans as (voice, words, speaker name) and its speakers.
struct Read {
    spans: Vec<(Voice, String, Option<String>)>,
    voices: Voices,
}

thread_local! {
    /// Buffers kept from one text to the next, as the scorer keeps them.
    static USED_BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

fn read(text: &str) -> Read {
    let (cues, abbreviations) = english();
    let mut tokens = Vec::new();
    tokenize(text, &mut tokens);
    let mut sentences = Vec::new();
    split_sentences(text, &tokens, &abbreviations, &mut sentences);
    let norms: Vec<String> = tokens
        .iter()
        .map(|t| {
            let mut n = String::new();
            normalize(t.text(text), t.kind, &mut n);
            n
        })
        .collect();
    let token_cues: Vec<Cue> = tokens
        .iter()
        .zip(&norms)
        .map(|(t, n)| cues.of_token(t.text(text), t.kind, n))
        .collect();
    let norm = |i: usize| norms[i].as_str();
    let input = Input {
        text,
        tokens: &tokens,
        sentences: &sentences,
        cues: &token_cues,
        norm: &norm,
        rules: &cues,
    };
    let mut buffers = Buffers::default();
    let voices = analyse(&input, &mut buffers);
    let per_token = buffers.voices;
    // Buffers that served other texts before give the same voices.
    let again = USED_BUFFERS.with(|used| {
        let used = &mut used.borrow_mut();
        (analyse(&input, used), used.voices.clone())
    });
    assert_eq!(again, (voices.clone(), per_token.clone()), "{text:?}");
    // Every token's voice is the voice of the span that holds it.
    for (t, v) in per_token.iter().enumerate() {
        if tokens[t].is_countable() {
            assert_eq!(*v, voices.voice_of(t as u32), "token {t} of {text:?}");
        }
    }
    let spans = voices
        .spans
        .iter()
        .map(|s| {
            let words = text[s.start as usize..s.end as usize]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let speaker = s.speaker.map(|i| voices.speakers[i as usize].name.clone());
            (s.voice, words, speaker)
        })
        .collect();
    Read { spans, voices }
}

fn span(voice: Voice, words: &str, speaker: Option<&str>) -> (Voice, String, Option<String>) {
    (voice, words.to_string(), speaker.map(str::to_string))
}

use Voice::{Attributed, Quoted, Unknown};

#[test]
fn speaker_after_the_quotation() {
    let r = read("\"We will rebuild the bridge,\" the mayor said.");
    assert_eq!(
        r.spans,
        [span(
            Quoted,
            "\"We will rebuild the bridge,\"",
            Some("mayor")
        )]
    );
    let mayor = &r.voices.speakers[0];
    assert_eq!(
        (
            mayor.kind,
            mayor.role.as_str(),
            mayor.quotes,
            mayor.quoted_tokens
        ),
        (SpeakerKind::Anonymous, "mayor", 1, 5)
    );
    // Inverted, with a name and a title.
    let r = read("“We will rebuild the bridge,” said Mayor Ana Ruiz.");
    assert_eq!(r.spans[0].2.as_deref(), Some("Ana Ruiz"));
    assert_eq!(r.voices.speakers[0].kind, SpeakerKind::Named);
    assert_eq!(r.voices.speakers[0].role, "Mayor");
}

#[test]
fn speaker_before_the_quotation() {
    let r = read("The mayor said: \"We will rebuild the bridge.\"");
    assert_eq!(
        r.spans,
        [span(
            Quoted,
            "\"We will rebuild the bridge.\"",
            Some("mayor")
        )]
    );
    let r = read("Ruiz told reporters that \"the bridge is safe.\"");
    assert_eq!(r.spans[0].2.as_deref(), Some("Ruiz"));
}

#[test]
fn speaker_in_the_middle_of_a_split_quotation() {
    let r = read("“We will rebuild,” said Mayor Ana Ruiz, “and we will do it this year.”");
    assert_eq!(
        r.spans,
        [
            span(Quoted, "“We will rebuild,”", Some("Ana Ruiz")),
            span(Quoted, "“and we will do it this year.”", Some("Ana Ruiz"))
        ]
    );
    // One quotation, split by its frame.
    assert_eq!(r.voices.quotes, 1);
    assert_eq!(r.voices.speakers[0].quotes, 1);
    assert_eq!(r.voices.speakers[0].quoted_tokens, 10);
}

#[test]
fn x_told_y_attributes_what_follows_to_x_not_y() {
    let r = read("Ruiz told reporters that the bridge would reopen in May.");
    assert_eq!(
        r.spans,
        [span(
            Attributed,
            "the bridge would reopen in May.",
            Some("Ruiz")
        )]
    );
    assert_eq!(r.voices.speakers.len(), 1);
    let ruiz = &r.voices.speakers[0];
    assert_eq!((ruiz.statements, ruiz.attributed_tokens), (1, 6));
    // Reported speech at the end of its clause.
    let r = read("The talks will resume next week, a senior diplomat said.");
    assert_eq!(
        r.spans,
        [span(
            Attributed,
            "The talks will resume next week",
            Some("senior diplomat")
        )]
    );
    assert_eq!(r.voices.speakers[0].kind, SpeakerKind::Anonymous);
}

#[test]
fn according_to_before_or_after_the_clause() {
    let r = read("The bridge will cost 40 million euros, according to the city's finance office.");
    assert_eq!(
        r.spans,
        [span(
            Attributed,
            "The bridge will cost 40 million euros",
            Some("city's finance office")
        )]
    );
    let r = read("According to two engineers, the old bridge was unsafe.");
    assert_eq!(
        r.spans,
        [span(
            Attributed,
            "the old bridge was unsafe.",
            Some("engineers")
        )]
    );
    // A statement speaks for the body it comes from.
    let r = read("Repairs begin in June, according to a statement from the transport ministry.");
    assert_eq!(r.spans[0].2.as_deref(), Some("transport ministry"));
}

#[test]
fn nested_quotations_are_the_outer_speaker_s() {
    let r = read("\"He told me 'never again' and left,\" the witness said.");
    assert_eq!(
        r.spans,
        [span(
            Quoted,
            "\"He told me 'never again' and left,\"",
            Some("witness")
        )]
    );
}

#[test]
fn inch_signs_apostrophes_titles_and_scare_quotes_are_not_quotations() {
    let r = read("The storm dropped 12\" of snow on the town, officials said.");
    assert_eq!(
        r.spans,
        [span(
            Attributed,
            "The storm dropped 12\" of snow on the town",
            Some("officials")
        )]
    );
    assert!(read("The 6'5\" centre scored in the players' lounge.")
        .spans
        .is_empty());
    let r = read("She starred in \"The Long Road Home\" last year.");
    assert_eq!(r.spans, [span(Unknown, "\"The Long Road Home\"", None)]);
    assert_eq!(r.voices.quotes, 0);
    let r = read("The so-called \"peace plan\" was rejected.");
    assert_eq!(r.spans, [span(Unknown, "\"peace plan\"", None)]);
}

#[test]
fn a_quotation_continued_over_paragraphs_and_one_left_open() {
    let text =
        "\"We came to help,\" the volunteer said. \"We will stay until the water goes down.\n\n\
                \"Then we will go home.\"\n\nThe council met on Monday.";
    let r = read(text);
    assert_eq!(
        r.spans,
        [
            span(Quoted, "\"We came to help,\"", Some("volunteer")),
            span(
                Quoted,
                "\"We will stay until the water goes down.",
                Some("volunteer")
            ),
            span(Quoted, "\"Then we will go home.\"", Some("volunteer")),
        ]
    );
    // Left open with no paragraph continuing it: the rules cannot tell where it ends, and the
    // next paragraph is the author's.
    let r = read(
        "The sign read \"closed until further notice and nobody knows why.\n\nThe council met.",
    );
    assert_eq!(
        r.spans,
        [span(
            Unknown,
            "\"closed until further notice and nobody knows why.",
            None
        )]
    );
}

#[test]
fn guillemets_and_curly_marks() {
    let r = read("The mayor said: « We will stay until the end. »");
    assert_eq!(
        r.spans,
        [span(
            Quoted,
            "« We will stay until the end. »",
            Some("mayor")
        )]
    );
    let r = read("Foreign Minister Elena Markovic arrived on Tuesday. “We are hopeful,” she said.");
    assert_eq!(
        r.spans,
        [span(Quoted, "“We are hopeful,”", Some("Elena Markovic"))]
    );
    assert_eq!(r.voices.speakers[0].role, "Foreign Minister");
}

#[test]
fn the_author_s_own_words_stay_the_author_s() {
    for text in [
        "As I said last week, the plan is a good one.",
        "That said, the plan has flaws.",
        "The residents were told to leave.",
        "She declined to say whether the bridge would reopen.",
        "The plan, which the council described as ambitious, failed.",
    ] {
        assert!(read(text).spans.is_empty(), "{text}");
    }
}

#[test]
fn an_unattributed_quotation_after_one_with_a_speaker_is_the_same_speaker_s() {
    let r = read("\"We are hopeful,\" the envoy said. \"The talks went well.\"");
    assert_eq!(
        r.spans[1],
        span(Quoted, "\"The talks went well.\"", Some("envoy"))
    );
    assert_eq!(r.voices.speakers[0].quotes, 2);
}

#[test]
fn a_headline_s_source_after_a_colon() {
    let r = read("Storms could be 'stronger': weather service\n\nThe season starts in June.");
    assert_eq!(
        r.spans,
        [span(Quoted, "'stronger'", Some("weather service"))]
    );
}

#[test]
fn pronouns_refer_to_the_speaker_named_before() {
    let r = read(
        "The ministry said the road was closed. It added that repairs would take a week. \
         \"We are working day and night,\" said Dr. Amir Hadid. \"It is hard,\" he said.",
    );
    let names: Vec<Option<&str>> = r.spans.iter().map(|s| s.2.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("ministry"),
            Some("ministry"),
            Some("Amir Hadid"),
            Some("Amir Hadid")
        ]
    );
    assert_eq!(r.voices.speakers.len(), 2);
    assert_eq!(r.voices.speakers[0].statements, 2);
}

#[test]
fn a_text_that_ends_right_after_the_speaker_of_a_quotation() {
    // The word after the speaker's phrase is past the last token.
    for text in ["\"We will win,\" the minister", "\"We will win,\" Markovic"] {
        read(text);
    }
}

proptest::proptest! {
    /// Any text, however its quotation marks and words fall: no panic, spans in order and apart,
    /// every speaker of a span listed, and counts that add up.
    #[test]
    fn any_text_reads_without_panic_and_spans_stay_in_order(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "\"", "“", "”", "'", "‘", "’", "«", "»", "„", " ", "\n", "\n\n", ",", ".", ":",
                "?", "!", "—", "(", ")", "said", "told", "according", "to", "the", "officials",
                "Markovic", "he", "she", "it", "they", "that", "We", "are", "hopeful", "12",
                "s", "a", "senior", "diplomat", "who", "asked", "saying", "Dr", "I", "'m", "and",
            ]),
            0..80,
        ),
    ) {
        let text = parts.concat();
        let r = read(&text);
        let spans = &r.voices.spans;
        for pair in spans.windows(2) {
            proptest::prop_assert!(pair[0].tokens.end <= pair[1].tokens.start);
        }
        let mut quotes = 0;
        for s in spans {
            proptest::prop_assert!(s.tokens.start < s.tokens.end && s.start <= s.end);
            proptest::prop_assert!(s.voice != Voice::Author);
            if let Some(id) = s.speaker {
                proptest::prop_assert!((id as usize) < r.voices.speakers.len());
            }
            if let Some(q) = s.quote {
                proptest::prop_assert!(q < r.voices.quotes);
                quotes += 1;
            }
        }
        proptest::prop_assert!(quotes >= r.voices.quotes as usize);
        for s in &r.voices.speakers {
            proptest::prop_assert!(s.quotes + s.statements > 0);
        }
    }
}

#[test]
fn marks_around_no_word_are_no_quotation() {
    let r = read(",\n,,,,,\",,saying “\"\"\"");
    assert!(r.voices.spans.is_empty());
    assert_eq!(r.voices.quotes, 0);
    let r = read("He said: \",\" and left.");
    assert_eq!(r.voices.quotes, 0);
}
