//! A small reader of the HTML shiryo writes (well-formed, attributes quoted), enough for tests
//! to ask what a screen reader would: elements by tag, class, attribute and nesting, their text
//! and attributes. A parser crate would bring in dependencies that change the features typst is
//! built with, and so compile typst twice.

/// Elements with no end tag.
const VOID: &[&str] = &["meta", "br", "wbr", "img", "link", "hr", "input", "col"];

pub struct Dom {
    nodes: Vec<Node>,
}

struct Node {
    tag: String,
    attrs: Vec<(String, String)>,
    parent: Option<usize>,
    children: Vec<Child>,
}

enum Child {
    Element(usize),
    Text(String),
}

/// One element of a `Dom`.
#[derive(Clone, Copy)]
pub struct El<'a> {
    dom: &'a Dom,
    id: usize,
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#10;", "\n")
        .replace("&amp;", "&")
}

impl Dom {
    pub fn parse(html: &str) -> Dom {
        let mut nodes = vec![Node {
            tag: "#document".into(),
            attrs: vec![],
            parent: None,
            children: vec![],
        }];
        let mut open = 0;
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("<!") {
                rest = &r[r.find('>').unwrap() + 1..];
            } else if let Some(r) = rest.strip_prefix("</") {
                let end = r.find('>').unwrap();
                let tag = r[..end].trim().to_ascii_lowercase();
                assert_eq!(
                    nodes[open].tag, tag,
                    "end tag </{tag}> closes <{}>",
                    nodes[open].tag
                );
                open = nodes[open].parent.unwrap();
                rest = &r[end + 1..];
            } else if rest.starts_with('<') {
                let end = tag_end(rest);
                let inner = rest[1..end].trim_end_matches('/');
                let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
                let tag = inner[..name_end].to_ascii_lowercase();
                let attrs = attributes(&inner[name_end..]);
                let id = nodes.len();
                nodes.push(Node {
                    tag: tag.clone(),
                    attrs,
                    parent: Some(open),
                    children: vec![],
                });
                nodes[open].children.push(Child::Element(id));
                rest = &rest[end + 1..];
                if ["script", "style"].contains(&tag.as_str()) {
                    // Raw text up to its end tag (a script may hold `<` and `>`).
                    let close = rest
                        .find(&format!("</{tag}>"))
                        .expect("raw text not closed");
                    nodes[id]
                        .children
                        .push(Child::Text(rest[..close].to_string()));
                    rest = &rest[close + tag.len() + 3..];
                } else if !VOID.contains(&tag.as_str()) {
                    open = id;
                }
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                nodes[open].children.push(Child::Text(decode(&rest[..end])));
                rest = &rest[end..];
            }
        }
        assert_eq!(open, 0, "<{}> is not closed", nodes[open].tag);
        Dom { nodes }
    }

    /// Elements matching `selector`: simple selectors (`tag`, `.class`, `[attr]`,
    /// `[attr=value]`, combined as `tag.class[attr=value]`) joined by descendant (space) or
    /// child (`>`) combinators.
    pub fn select(&self, selector: &str) -> Vec<El<'_>> {
        El { dom: self, id: 0 }.select(selector)
    }

    /// Every element, in document order.
    pub fn elements(&self) -> Vec<El<'_>> {
        (1..self.nodes.len())
            .map(|id| El { dom: self, id })
            .collect()
    }
}

fn tag_end(s: &str) -> usize {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i,
            _ => {}
        }
    }
    panic!("unclosed tag")
}

fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = vec![];
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return out;
        }
        let name_end = s.find(['=', ' ', '\n']).unwrap_or(s.len());
        let name = s[..name_end].to_ascii_lowercase();
        s = &s[name_end..];
        if let Some(r) = s.strip_prefix("=\"") {
            let end = r.find('"').unwrap();
            out.push((name, decode(&r[..end])));
            s = &r[end + 1..];
        } else {
            assert!(!s.starts_with('='), "unquoted attribute {name}");
            out.push((name, String::new()));
        }
    }
}

/// One compound selector: tag, classes, attributes.
struct Simple {
    tag: Option<String>,
    classes: Vec<String>,
    attrs: Vec<(String, Option<String>)>,
}

fn simple(s: &str) -> Simple {
    let mut out = Simple {
        tag: None,
        classes: vec![],
        attrs: vec![],
    };
    let (head, attrs) = match s.find('[') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let mut parts = head.split('.');
    let tag = parts.next().unwrap();
    if !tag.is_empty() {
        out.tag = Some(tag.to_string());
    }
    out.classes = parts.map(String::from).collect();
    for a in attrs.split('[').filter(|a| !a.is_empty()) {
        let a = a.trim_end_matches(']');
        match a.split_once('=') {
            Some((k, v)) => out.attrs.push((k.into(), Some(v.trim_matches('"').into()))),
            None => out.attrs.push((a.into(), None)),
        }
    }
    out
}

impl<'a> El<'a> {
    fn node(&self) -> &'a Node {
        &self.dom.nodes[self.id]
    }

    pub fn tag(&self) -> &'a str {
        &self.node().tag
    }

    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.node()
            .attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn parent(&self) -> Option<El<'a>> {
        self.node().parent.map(|id| El { dom: self.dom, id })
    }

    fn children(&self) -> impl Iterator<Item = El<'a>> + '_ {
        self.node().children.iter().filter_map(|c| match c {
            Child::Element(id) => Some(El {
                dom: self.dom,
                id: *id,
            }),
            Child::Text(_) => None,
        })
    }

    /// The text inside, as written (source whitespace kept), `<br>` as nothing.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.node().children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::Element(id) => out.push_str(
                    &El {
                        dom: self.dom,
                        id: *id,
                    }
                    .text(),
                ),
            }
        }
        out
    }

    fn matches(&self, s: &Simple) -> bool {
        let n = self.node();
        s.tag.as_ref().is_none_or(|t| *t == n.tag)
            && s.classes.iter().all(|c| {
                self.attr("class")
                    .is_some_and(|cl| cl.split_whitespace().any(|x| x == c))
            })
            && s.attrs.iter().all(|(k, v)| match v {
                Some(v) => self.attr(k) == Some(v.as_str()),
                None => self.attr(k).is_some(),
            })
    }

    fn descendants(&self, out: &mut Vec<El<'a>>) {
        for c in self.children() {
            out.push(c);
            c.descendants(out);
        }
    }

    /// Elements under this one matching `selector` (see `Dom::select`), in document order.
    pub fn select(&self, selector: &str) -> Vec<El<'a>> {
        let spaced = selector.replace('>', " > ");
        let mut current = vec![*self];
        let mut child_only = false;
        for step in spaced.split_whitespace() {
            if step == ">" {
                child_only = true;
                continue;
            }
            let s = simple(step);
            let mut next: Vec<El<'a>> = vec![];
            for el in &current {
                let mut candidates = vec![];
                if child_only {
                    candidates.extend(el.children());
                } else {
                    el.descendants(&mut candidates);
                }
                for c in candidates {
                    if c.matches(&s) && !next.iter().any(|n| n.id == c.id) {
                        next.push(c);
                    }
                }
            }
            next.sort_by_key(|e| e.id);
            current = next;
            child_only = false;
        }
        current
    }
}
