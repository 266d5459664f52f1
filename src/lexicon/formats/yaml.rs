//! YAML dictionaries, as quanteda writes them: a mapping of categories to lists of words (flow
//! `[a, b]` or block `- a`), nested to any depth and flattened as `parent.child`; a category may
//! hold a single word instead of a list.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::build::{Draft, Entry};

/// A YAML value with where it starts (line from 1, column from 1).
#[derive(Debug)]
enum Node {
    Scalar(String, usize, usize),
    List(Vec<Node>, usize, usize),
    Map(Vec<(Node, Node)>, usize, usize),
    /// An alias or something else a dictionary does not use.
    Other(usize, usize),
}

impl Node {
    fn place(&self) -> (usize, usize) {
        match self {
            Node::Scalar(_, l, c)
            | Node::List(_, l, c)
            | Node::Map(_, l, c)
            | Node::Other(l, c) => (*l, *c),
        }
    }
}

/// Builds the tree of the first document from the parser's events.
#[derive(Default)]
struct TreeBuilder {
    stack: Vec<Node>,
    /// Keys of the open maps waiting for their value.
    keys: Vec<Option<Node>>,
    root: Option<Node>,
}

impl TreeBuilder {
    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Node::List(items, _, _)) => items.push(node),
            Some(Node::Map(entries, _, _)) => {
                let key = self.keys.last_mut().expect("a key slot per open map");
                match key.take() {
                    None => *key = Some(node),
                    Some(k) => entries.push((k, node)),
                }
            }
            Some(_) => {}
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let (line, col) = (mark.line(), mark.col() + 1);
        match event {
            Event::Scalar(value, ..) => self.push_value(Node::Scalar(value, line, col)),
            Event::SequenceStart(..) => self.stack.push(Node::List(Vec::new(), line, col)),
            Event::MappingStart(..) => {
                self.stack.push(Node::Map(Vec::new(), line, col));
                self.keys.push(None);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(node) = self.stack.pop() {
                    if matches!(node, Node::Map(..)) {
                        self.keys.pop();
                    }
                    self.push_value(node);
                }
            }
            Event::Alias(_) => self.push_value(Node::Other(line, col)),
            _ => {}
        }
    }
}

pub(super) fn read(text: &str, draft: &mut Draft) {
    let mut builder = TreeBuilder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let m = e.marker();
        draft.error(
            m.line().max(1),
            m.col() + 1,
            format!("YAML syntax: {}", e.info()),
        );
        return;
    }
    match builder.root {
        Some(Node::Map(entries, _, _)) => {
            for (key, value) in &entries {
                read_category(key, value, &[], draft);
            }
        }
        Some(other) => {
            let (line, col) = other.place();
            draft.error(
                line,
                col,
                "a YAML dictionary is a mapping of categories to lists of words",
            );
        }
        None => draft.error(1, 1, "the file holds no YAML document"),
    }
}

/// The category `key` under `parents`, holding `value`.
fn read_category(key: &Node, value: &Node, parents: &[String], draft: &mut Draft) {
    let Node::Scalar(name, line, _) = key else {
        let (line, col) = key.place();
        draft.warn(
            line,
            col,
            "a category name must be a plain value: not carried over",
        );
        return;
    };
    let mut path = parents.to_vec();
    path.push(name.trim().to_string());
    let full = path.join(".");
    match value {
        Node::Map(entries, _, _) => {
            for (k, v) in entries {
                read_category(k, v, &path, draft);
            }
        }
        Node::List(items, _, _) => {
            let i = draft.category(&full, *line);
            add_words(items, i, &full, draft);
        }
        Node::Scalar(word, l, c) => {
            let i = draft.category(&full, *line);
            add_word(word, *l, *c, i, draft);
        }
        Node::Other(l, c) => draft.warn(
            *l,
            *c,
            format!("category `{full}`: aliases are not read, so its words are not carried over"),
        ),
    }
}

fn add_words(items: &[Node], category: usize, name: &str, draft: &mut Draft) {
    for item in items {
        match item {
            Node::Scalar(word, l, c) => add_word(word, *l, *c, category, draft),
            Node::List(inner, _, _) => add_words(inner, category, name, draft),
            other => {
                let (l, c) = other.place();
                draft.warn(
                    l,
                    c,
                    format!(
                        "category `{name}`: a list of words holds something else here; it is not \
                         carried over"
                    ),
                );
            }
        }
    }
}

fn add_word(word: &str, line: usize, col: usize, category: usize, draft: &mut Draft) {
    if word.trim().is_empty() {
        draft.warn(line, col, "an empty word is not carried over");
        return;
    }
    draft.add(
        category,
        Entry {
            text: word.trim().to_string(),
            weight: 1.0,
            line,
            col,
        },
    );
}
