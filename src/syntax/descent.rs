//! The fast path of [`super::parse`]: a hand-written recursive-descent parser of `grammar/charter.pest` that
//! builds the AST directly, for text that parses.
//!
//! pest stays the definition of the language and the voice of every syntax error. This parser only answers the
//! common case quickly: it returns the AST that pest and the builder would return, or `None`, and on `None`
//! [`super::parse`] parses the file again with pest, which then accepts it or words its error exactly as it
//! always has. The parser never reports anything itself, and a name or string over its limit also gives `None`,
//! so that the limit is reported by the builder, in the order the builder reports things.
//!
//! It is written as the grammar reads, one method per rule, with pest's semantics: ordered choice (the first
//! alternative that matches wins, and a failed alternative gives back what it consumed), greedy repetition that
//! never backtracks, and trivia (whitespace, `;`, a byte-order mark and comments) skipped before every token,
//! which is where pest's implicit whitespace falls in a grammar whose rules all start with a token. A node's span
//! runs from its first token to its last, which is the span the builder takes from a pair after trimming the
//! trivia pest leaves at its end. Where alternatives start with different keywords, the method reads the word at
//! the cursor once and goes to the alternative that can match, which is the one pest's ordered choice reaches.
//!
//! `tests/parsers.rs` holds the two paths to the same result on every fixture, shipped charter, generated charter
//! and mutation of one, and so does every fuzzing run (`testing::exercise`).

use smol_str::SmolStr;

use super::build::{file_span, fit, unescape};
use crate::ast::*;
use crate::checks::{name_too_long, string_too_long};
use crate::source::Span;

/// The AST of `text`, or `None` when `text` does not parse or holds a name or a string over its limit.
pub(super) fn parse(text: &str) -> Option<Charter> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        last_end: 0,
        over_limit: false,
    };
    let mut items = Vec::new();
    loop {
        parser.skip_trivia();
        if parser.pos >= parser.bytes.len() {
            break;
        }
        items.push(parser.item()?);
    }
    if parser.over_limit {
        return None;
    }
    items.shrink_to_fit();
    Some(Charter {
        items,
        span: file_span(text),
    })
}

/// Where the parser is: the next byte to read, and the end of the last token read, which ends the span of a
/// node when the node ends.
#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    last_end: usize,
}

#[derive(Debug)]
struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    last_end: usize,
    /// A name or a string over its limit was read: the parse goes on (a limit is not a syntax error and must not
    /// change which alternative matches), but its result is thrown away.
    over_limit: bool,
}

/// A character of a name after its first: `ident_char` in the grammar, which also ends every keyword.
fn is_ident_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-'
}

/// `reserved` in the grammar: the words that are not names.
fn is_reserved(word: &[u8]) -> bool {
    matches!(
        word,
        b"and"
            | b"anyone"
            | b"abstain"
            | b"except"
            | b"no"
            | b"of"
            | b"per"
            | b"to"
            | b"turnout"
            | b"with"
            | b"yes"
    )
}

impl<'a> Parser<'a> {
    // -----------------------------------------------------------------------------------------------------------
    // Positions and tokens
    // -----------------------------------------------------------------------------------------------------------

    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            last_end: self.last_end,
        }
    }

    fn reset(&mut self, mark: Mark) {
        self.pos = mark.pos;
        self.last_end = mark.last_end;
    }

    /// Runs one alternative, or one round of a repetition: on `None`, gives back what it consumed.
    fn attempt<T>(&mut self, rule: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let mark = self.mark();
        let result = rule(self);
        if result.is_none() {
            self.reset(mark);
        }
        result
    }

    /// Every further match of `rule`, as pest's `rule*`.
    fn repeat<T>(&mut self, items: &mut Vec<T>, mut rule: impl FnMut(&mut Self) -> Option<T>) {
        while let Some(item) = self.attempt(&mut rule) {
            items.push(item);
        }
    }

    /// `block_start ~ rule* ~ block_end`: the statements of a block.
    fn block<T>(&mut self, rule: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.punct("{")?;
        let mut items = Vec::new();
        self.repeat(&mut items, rule);
        self.punct("}")?;
        Some(fit(items))
    }

    /// `rule ~ ("," ~ rule)*`: a list of at least one.
    fn comma_list<T>(&mut self, mut rule: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut items = vec![rule(self)?];
        self.repeat(&mut items, |p| {
            p.punct(",")?;
            rule(p)
        });
        Some(fit(items))
    }

    /// The span from `start` to the end of the last token read.
    fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.last_end)
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn slice(&self, start: usize, end: usize) -> &'a [u8] {
        self.bytes.get(start..end).unwrap_or_default()
    }

    fn str_slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// Skips `WHITESPACE` and `COMMENT`, as pest does between two tokens.
    fn skip_trivia(&mut self) {
        loop {
            match self.byte(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | b';') => self.pos += 1,
                // U+FEFF, the byte-order mark.
                Some(0xEF) if self.slice(self.pos + 1, self.pos + 3) == [0xBB, 0xBF] => {
                    self.pos += 3;
                }
                Some(b'#') => {
                    let rest = self.slice(self.pos, self.bytes.len());
                    self.pos += memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
                }
                _ => return,
            }
        }
    }

    /// Skips trivia and returns where the next token starts: the start of the node that begins with it.
    fn begin(&mut self) -> usize {
        self.skip_trivia();
        self.pos
    }

    /// The end of the run of name characters at `from`.
    fn word_end(&self, from: usize) -> usize {
        let rest = self.slice(from, self.bytes.len());
        from + rest
            .iter()
            .position(|&byte| !is_ident_char(byte))
            .unwrap_or(rest.len())
    }

    /// The word at the next token: the keyword that `kw_<word>` would match there, if any.
    fn peek_word(&mut self) -> &'a [u8] {
        let start = self.begin();
        self.slice(start, self.word_end(start))
    }

    /// Consumes the token `start..end`.
    fn take(&mut self, start: usize, end: usize) -> Span {
        self.pos = end;
        self.last_end = end;
        Span::new(start, end)
    }

    /// `kw_<keyword>`: the keyword, not followed by a name character.
    fn keyword(&mut self, keyword: &str) -> Option<Span> {
        let start = self.begin();
        let end = self.word_end(start);
        (self.slice(start, end) == keyword.as_bytes()).then(|| self.take(start, end))
    }

    /// A literal token of punctuation (`{`, `,`, `->`, `~`, `-`).
    fn punct(&mut self, token: &str) -> Option<Span> {
        let start = self.begin();
        let end = start + token.len();
        (self.slice(start, end) == token.as_bytes()).then(|| self.take(start, end))
    }

    /// An atomic name token at the cursor whose first byte satisfies `first`: its text and span, with the limit
    /// of a name checked.
    fn name_token(&mut self, first: impl Fn(u8) -> bool, reserved: bool) -> Option<Ident> {
        let start = self.begin();
        if !self.byte(start).is_some_and(first) {
            return None;
        }
        let end = self.word_end(start);
        let word = self.slice(start, end);
        if reserved && is_reserved(word) {
            return None;
        }
        if word.len() > name_too_long::MAX_NAME_BYTES {
            self.over_limit = true;
        }
        let text = SmolStr::new(self.str_slice(start, end));
        let span = self.take(start, end);
        Some(Ident { text, span })
    }

    /// `ident`.
    fn ident(&mut self) -> Option<Ident> {
        self.name_token(|byte| byte.is_ascii_alphabetic() || byte == b'_', true)
    }

    /// `lint_name`: a name that may be a reserved word and starts with a letter.
    fn lint_name(&mut self) -> Option<Ident> {
        self.name_token(|byte| byte.is_ascii_alphabetic(), false)
    }

    /// The end of the run of ASCII digits at `from`.
    fn digits_end(&self, from: usize) -> usize {
        let rest = self.slice(from, self.bytes.len());
        from + rest
            .iter()
            .position(|byte| !byte.is_ascii_digit())
            .unwrap_or(rest.len())
    }

    /// `integer`.
    fn integer(&mut self) -> Option<IntegerLit> {
        let start = self.begin();
        let end = self.digits_end(start);
        if end == start {
            return None;
        }
        let digits = self.str_slice(start, end).to_owned();
        let span = self.take(start, end);
        Some(IntegerLit { digits, span })
    }

    /// `string`, with its escapes resolved as the builder resolves them.
    fn string(&mut self) -> Option<StringLit> {
        let start = self.begin();
        if self.byte(start) != Some(b'"') {
            return None;
        }
        let inner_start = start + 1;
        let mut at = inner_start;
        loop {
            match self.byte(at)? {
                b'"' => break,
                b'\\' => match self.byte(at + 1)? {
                    b'"' | b'\\' | b'n' | b't' => at += 2,
                    _ => return None,
                },
                b'\n' | b'\r' => return None,
                _ => at += 1,
            }
        }
        let raw = self.str_slice(inner_start, at);
        if raw.len() > string_too_long::MAX_STRING_BYTES {
            self.over_limit = true;
        }
        let value = unescape(raw);
        let span = self.take(start, at + 1);
        Some(StringLit { value, span })
    }

    /// `unit`: `("business" ~ (" " | "\t")+)? ~ ASCII_ALPHA+`.
    fn unit(&mut self) -> Option<Ident> {
        let start = self.begin();
        let mut letters = start;
        if self.slice(start, start + 8) == b"business"
            && matches!(self.byte(start + 8), Some(b' ' | b'\t'))
        {
            letters = start + 8;
            while matches!(self.byte(letters), Some(b' ' | b'\t')) {
                letters += 1;
            }
        }
        let rest = self.slice(letters, self.bytes.len());
        let end = letters
            + rest
                .iter()
                .position(|byte| !byte.is_ascii_alphabetic())
                .unwrap_or(rest.len());
        if end == letters {
            return None;
        }
        let text = SmolStr::new(self.str_slice(start, end));
        let span = self.take(start, end);
        Some(Ident { text, span })
    }

    /// `share`: `fraction` (`2/3`) or `percent` (`60%`, `66.7%`).
    fn share(&mut self) -> Option<Share> {
        let start = self.begin();
        let whole = self.digits_end(start);
        if whole == start {
            return None;
        }
        if self.byte(whole) == Some(b'/') {
            let end = self.digits_end(whole + 1);
            if end == whole + 1 {
                return None;
            }
            let text = self.str_slice(start, end).to_owned();
            self.take(start, end);
            return Some(Share::Fraction(text));
        }
        let mut end = whole;
        if self.byte(whole) == Some(b'.') {
            let decimals = self.digits_end(whole + 1);
            if decimals > whole + 1 {
                end = decimals;
            }
        }
        if self.byte(end) != Some(b'%') {
            return None;
        }
        let digits = self.str_slice(start, end).to_owned();
        self.take(start, end + 1);
        Some(Share::Percent(digits))
    }

    // -----------------------------------------------------------------------------------------------------------
    // Items
    // -----------------------------------------------------------------------------------------------------------

    /// `item`, at a token.
    fn item(&mut self) -> Option<Item> {
        Some(match self.peek_word() {
            b"charter" => Item::Meta(self.charter_decl()?),
            b"role" => {
                let (name, stmts, span) = self.member_decl("role", Self::role_stmt)?;
                Item::Role(RoleDecl { name, stmts, span })
            }
            b"body" => {
                let (name, stmts, span) = self.member_decl("body", Self::body_stmt)?;
                Item::Body(BodyDecl { name, stmts, span })
            }
            b"external" => Item::External(self.external_decl()?),
            b"threshold" => Item::Threshold(self.threshold_decl()?),
            b"default" => Item::DefaultVote(self.default_vote_decl()?),
            b"decision" => Item::Decision(self.decision_decl()?),
            _ => return None,
        })
    }

    /// `charter_decl`.
    fn charter_decl(&mut self) -> Option<MetaDecl> {
        let start = self.begin();
        self.keyword("charter")?;
        let name = self.string()?;
        let stmts = self.block(|p| {
            let stmt: fn(StringLit) -> MetaStmt = match p.peek_word() {
                b"source" => MetaStmt::Source,
                b"version" => MetaStmt::Version,
                b"adopted" => MetaStmt::Adopted,
                _ => return None,
            };
            p.word_token()?;
            p.string().map(stmt)
        })?;
        Some(MetaDecl {
            name,
            stmts,
            span: self.span_from(start),
        })
    }

    /// Consumes the word at the cursor, once `peek_word` has told which keyword it is.
    fn word_token(&mut self) -> Option<Span> {
        let start = self.begin();
        let end = self.word_end(start);
        (end > start).then(|| self.take(start, end))
    }

    /// `role_decl` and `body_decl`: the keyword, the name and the block of statements.
    fn member_decl(
        &mut self,
        keyword: &str,
        stmt: fn(&mut Self) -> Option<MemberStmt>,
    ) -> Option<(Ident, Vec<MemberStmt>, Span)> {
        let start = self.begin();
        self.keyword(keyword)?;
        let name = self.ident()?;
        let stmts = self.block(stmt)?;
        Some((name, stmts, self.span_from(start)))
    }

    /// `external_decl`.
    fn external_decl(&mut self) -> Option<ExternalDecl> {
        let start = self.begin();
        self.keyword("external")?;
        let name = self.ident()?;
        let title = self.string()?;
        Some(ExternalDecl {
            name,
            title,
            span: self.span_from(start),
        })
    }

    /// `threshold_decl`.
    fn threshold_decl(&mut self) -> Option<ThresholdDecl> {
        let start = self.begin();
        self.keyword("threshold")?;
        let name = self.ident()?;
        self.punct("{")?;
        let mut conditions = vec![self.condition()?];
        self.repeat(&mut conditions, |p| {
            p.keyword("and")?;
            p.condition()
        });
        let mut allows = Vec::new();
        self.repeat(&mut allows, Self::allow_stmt);
        self.punct("}")?;
        Some(ThresholdDecl {
            name,
            conditions: fit(conditions),
            allows: fit(allows),
            span: self.span_from(start),
        })
    }

    /// `default_vote_decl`.
    fn default_vote_decl(&mut self) -> Option<VoteBlock> {
        let start = self.begin();
        self.keyword("default")?;
        self.keyword("vote")?;
        self.vote_body(start)
    }

    /// `decision_decl`.
    fn decision_decl(&mut self) -> Option<DecisionDecl> {
        let start = self.begin();
        self.keyword("decision")?;
        let name = self.ident()?;
        let stmts = self.block(Self::decision_stmt)?;
        Some(DecisionDecl {
            name,
            stmts,
            span: self.span_from(start),
        })
    }

    // -----------------------------------------------------------------------------------------------------------
    // Role and body statements
    // -----------------------------------------------------------------------------------------------------------

    /// `role_stmt`.
    fn role_stmt(&mut self) -> Option<MemberStmt> {
        let start = self.begin();
        match self.peek_word() {
            b"join" => {
                self.word_token()?;
                let deciders = if self.keyword("open").is_some() {
                    None
                } else {
                    self.keyword("by")?;
                    Some(self.ident_list()?)
                };
                Some(MemberStmt::Join(deciders, self.span_from(start)))
            }
            b"leave" => {
                self.word_token()?;
                self.keyword("by")?;
                self.keyword("resignation")?;
                let target = self.status_target();
                Some(MemberStmt::Leave(target, self.span_from(start)))
            }
            b"remove" => {
                self.word_token()?;
                self.keyword("by")?;
                let deciders = self.ident_list()?;
                let target = self.status_target();
                Some(MemberStmt::Remove(deciders, target, self.span_from(start)))
            }
            b"inactive" => {
                self.word_token()?;
                self.keyword("after")?;
                let duration = self.duration()?;
                let target = self.status_target();
                Some(MemberStmt::Inactive(
                    duration,
                    target,
                    self.span_from(start),
                ))
            }
            b"reinstate" => {
                self.word_token()?;
                self.keyword("by")?;
                let deciders = self.ident_list()?;
                Some(MemberStmt::Reinstate(deciders, self.span_from(start)))
            }
            _ => self.shared_member_stmt(start),
        }
    }

    /// `body_stmt`.
    fn body_stmt(&mut self) -> Option<MemberStmt> {
        let start = self.begin();
        match self.peek_word() {
            b"consists" => {
                self.word_token()?;
                self.keyword("of")?;
                self.keyword("all")?;
                let actors = self.actor_list()?;
                Some(MemberStmt::ConsistsOf(actors, self.span_from(start)))
            }
            b"drawn" => {
                self.word_token()?;
                self.keyword("from")?;
                let actors = self.actor_list()?;
                Some(MemberStmt::DrawnFrom(actors, self.span_from(start)))
            }
            b"appointed" => {
                self.word_token()?;
                self.keyword("by")?;
                let actor = self.actor()?;
                Some(MemberStmt::AppointedBy(actor, self.span_from(start)))
            }
            b"chair" => {
                self.word_token()?;
                let actor = self.actor()?;
                Some(MemberStmt::Chair(actor, self.span_from(start)))
            }
            _ => self.shared_member_stmt(start),
        }
    }

    /// The statements that `role_stmt` and `body_stmt` share; their keywords are none of the others'.
    fn shared_member_stmt(&mut self, start: usize) -> Option<MemberStmt> {
        match self.peek_word() {
            b"size" => {
                self.word_token()?;
                let bound = self.size_bound()?;
                Some(MemberStmt::Size(bound, self.span_from(start)))
            }
            b"members" => {
                self.word_token()?;
                let names = self.comma_list(Self::string)?;
                Some(MemberStmt::Members(names, self.span_from(start)))
            }
            // `term_stmt` is tried before `term_limit_stmt`.
            b"term" => self
                .attempt(|p| {
                    p.word_token()?;
                    let duration = p.duration()?;
                    Some(MemberStmt::Term(duration, p.span_from(start)))
                })
                .or_else(|| {
                    self.word_token()?;
                    self.keyword("limit")?;
                    let limit = self.integer()?;
                    Some(MemberStmt::TermLimit(limit, self.span_from(start)))
                }),
            b"seat" => {
                self.word_token()?;
                self.keyword("limit")?;
                let count = self.integer()?;
                self.keyword("per")?;
                let per = self.string()?;
                Some(MemberStmt::SeatLimit(count, per, self.span_from(start)))
            }
            b"cadence" => self.cadence_stmt().map(MemberStmt::Cadence),
            b"allow" => self.allow_stmt().map(MemberStmt::Allow),
            _ => None,
        }
    }

    /// `size_bound`.
    fn size_bound(&mut self) -> Option<SizeBound> {
        if let Some(bound) = self.attempt(|p| {
            p.keyword("at")?;
            p.keyword("least")?;
            p.integer().map(SizeBound::AtLeast)
        }) {
            return Some(bound);
        }
        if let Some(bound) = self.attempt(|p| {
            p.keyword("at")?;
            p.keyword("most")?;
            p.integer().map(SizeBound::AtMost)
        }) {
            return Some(bound);
        }
        let first = self.integer()?;
        match self.attempt(|p| {
            p.keyword("to")?;
            p.integer()
        }) {
            Some(last) => Some(SizeBound::Range(first, last)),
            None => Some(SizeBound::Exactly(first)),
        }
    }

    /// `status_target?`: the name after `->`.
    fn status_target(&mut self) -> Option<Ident> {
        self.attempt(|p| {
            p.punct("->")?;
            p.ident()
        })
    }

    /// `cadence_stmt`.
    fn cadence_stmt(&mut self) -> Option<Cadence> {
        let start = self.begin();
        self.keyword("cadence")?;
        let what = self.string()?;
        let every = match self.attempt(|p| {
            p.keyword("every")?;
            p.duration()
        }) {
            Some(duration) => Some(duration),
            None => {
                self.keyword("periodically")?;
                None
            }
        };
        Some(Cadence {
            what,
            every,
            span: self.span_from(start),
        })
    }

    /// `allow_stmt`.
    fn allow_stmt(&mut self) -> Option<Allow> {
        let start = self.begin();
        self.keyword("allow")?;
        let lint = self.lint_name()?;
        self.keyword("because")?;
        let reason = self.string()?;
        Some(Allow {
            lint,
            reason,
            span: self.span_from(start),
        })
    }

    // -----------------------------------------------------------------------------------------------------------
    // Decision statements
    // -----------------------------------------------------------------------------------------------------------

    /// `decision_stmt`.
    fn decision_stmt(&mut self) -> Option<DecisionStmt> {
        let start = self.begin();
        let phase = match self.peek_word() {
            b"purpose" => {
                self.word_token()?;
                let purpose = self.purpose()?;
                return Some(DecisionStmt::Purpose(purpose, self.span_from(start)));
            }
            b"proposed" => {
                self.word_token()?;
                self.keyword("by")?;
                let actors = self.actor_list()?;
                return Some(DecisionStmt::ProposedBy(actors, self.span_from(start)));
            }
            b"decided" => {
                self.word_token()?;
                self.keyword("by")?;
                let decider = self.decider()?;
                return Some(DecisionStmt::DecidedBy(decider, self.span_from(start)));
            }
            b"vote" => return self.vote_block().map(DecisionStmt::Vote),
            b"lazy" => return self.lazy_block().map(DecisionStmt::LazyConsensus),
            b"recuse" => {
                self.word_token()?;
                let exclusions = self.exclusions()?;
                return Some(DecisionStmt::Recuse(exclusions, self.span_from(start)));
            }
            b"designate" => {
                self.word_token()?;
                let count = self.integer()?;
                let actor = self.actor()?;
                let with = self.attempt(|p| {
                    p.keyword("with")?;
                    p.ident()
                });
                return Some(DecisionStmt::Designate(
                    count,
                    actor,
                    with,
                    self.span_from(start),
                ));
            }
            b"escalate" => {
                self.word_token()?;
                let steps = self.block(Self::escalation_step)?;
                return Some(DecisionStmt::Escalate(steps, self.span_from(start)));
            }
            b"cadence" => return self.cadence_stmt().map(DecisionStmt::Cadence),
            b"allow" => return self.allow_stmt().map(DecisionStmt::Allow),
            b"discussion" => PhaseKind::Discussion,
            b"notice" => PhaseKind::Notice,
            b"public" => PhaseKind::Public,
            b"review" => PhaseKind::Review,
            _ => return None,
        };
        self.word_token()?;
        let bound = self.duration_bound()?;
        Some(DecisionStmt::Phase(phase, bound, self.span_from(start)))
    }

    /// `purpose`.
    fn purpose(&mut self) -> Option<Purpose> {
        let named: fn(Ident) -> Purpose = match self.peek_word() {
            b"admit" => Purpose::Admit,
            b"remove" => Purpose::Remove,
            b"reinstate" => Purpose::Reinstate,
            b"appoint" => Purpose::Appoint,
            b"elect" => Purpose::Elect,
            b"no" => {
                self.word_token()?;
                self.keyword("confidence")?;
                return self.ident().map(Purpose::NoConfidence);
            }
            b"other" => {
                self.word_token()?;
                return self.string().map(Purpose::Other);
            }
            b"amend" => return self.two_words("charter", Purpose::AmendCharter),
            b"resolve" => return self.two_words("conflicts", Purpose::ResolveConflicts),
            b"enforce" => return self.two_words("conduct", Purpose::EnforceConduct),
            b"handle" => return self.two_words("security", Purpose::HandleSecurity),
            b"dissolve" => return self.two_words("project", Purpose::DissolveProject),
            _ => return None,
        };
        self.word_token()?;
        self.ident().map(named)
    }

    /// The keyword at the cursor followed by `second`: `purpose`.
    fn two_words(&mut self, second: &str, purpose: Purpose) -> Option<Purpose> {
        self.word_token()?;
        self.keyword(second)?;
        Some(purpose)
    }

    /// `decider`.
    fn decider(&mut self) -> Option<Decider> {
        let start = self.begin();
        if let Some(decider) = self.attempt(|p| {
            p.keyword("default")?;
            p.keyword("vote")?;
            Some(Decider::DefaultVote(p.span_from(start)))
        }) {
            return Some(decider);
        }
        if let Some(decider) = self.attempt(|p| {
            p.keyword("any")?;
            let count = p.integer();
            let actor = p.actor()?;
            Some(Decider::Approvals(count, actor, p.span_from(start)))
        }) {
            return Some(decider);
        }
        self.actor().map(Decider::Actor)
    }

    /// `lazy_block`.
    fn lazy_block(&mut self) -> Option<LazyBlock> {
        let start = self.begin();
        self.keyword("lazy")?;
        self.keyword("consensus")?;
        self.punct("{")?;
        let mut silences = Vec::new();
        let mut on_objection = Vec::new();
        let mut allows = Vec::new();
        while let Some(()) = self.attempt(|p| {
            let stmt_start = p.begin();
            match p.peek_word() {
                b"silence" => {
                    p.word_token()?;
                    let bound = p.duration_bound()?;
                    silences.push((bound, p.span_from(stmt_start)));
                }
                b"on" => {
                    p.word_token()?;
                    p.keyword("objection")?;
                    p.punct("->")?;
                    let target = p.objection_target()?;
                    on_objection.push((target, p.span_from(stmt_start)));
                }
                b"allow" => allows.push(p.allow_stmt()?),
                _ => return None,
            }
            Some(())
        }) {}
        self.punct("}")?;
        Some(LazyBlock {
            silences: fit(silences),
            on_objection: fit(on_objection),
            allows: fit(allows),
            span: self.span_from(start),
        })
    }

    /// `objection_target`.
    fn objection_target(&mut self) -> Option<ObjectionTarget> {
        if let Some(target) = self.attempt(|p| {
            p.keyword("default")?;
            p.keyword("vote")?;
            Some(ObjectionTarget::DefaultVote)
        }) {
            return Some(target);
        }
        if self.keyword("vote").is_some() {
            return Some(ObjectionTarget::OwnVote);
        }
        self.actor().map(ObjectionTarget::Actor)
    }

    /// `escalation_step`.
    fn escalation_step(&mut self) -> Option<EscalationStep> {
        let start = self.begin();
        self.keyword("step")?;
        match self.peek_word() {
            b"parties" => {
                self.word_token()?;
                Some(EscalationStep::Parties(self.span_from(start)))
            }
            b"mediator" => {
                self.word_token()?;
                let actor = self.actor()?;
                Some(EscalationStep::Mediator(actor, self.span_from(start)))
            }
            b"decision" => {
                self.word_token()?;
                let name = self.ident()?;
                Some(EscalationStep::Decision(name, self.span_from(start)))
            }
            b"external" => {
                self.word_token()?;
                let name = self.ident()?;
                Some(EscalationStep::External(name, self.span_from(start)))
            }
            b"vote" => {
                let block = self.vote_block()?;
                Some(EscalationStep::Vote(block, self.span_from(start)))
            }
            b"decided" => {
                self.word_token()?;
                self.keyword("by")?;
                let decider = self.decider()?;
                Some(EscalationStep::DecidedBy(decider, self.span_from(start)))
            }
            _ => None,
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Votes
    // -----------------------------------------------------------------------------------------------------------

    /// `vote_block`.
    fn vote_block(&mut self) -> Option<VoteBlock> {
        let start = self.begin();
        self.keyword("vote")?;
        self.vote_body(start)
    }

    /// `vote_body`, as part of the node that starts at `start`.
    fn vote_body(&mut self, start: usize) -> Option<VoteBlock> {
        let stmts = self.block(Self::vote_stmt)?;
        Some(VoteBlock {
            stmts,
            span: self.span_from(start),
        })
    }

    /// `vote_stmt`.
    fn vote_stmt(&mut self) -> Option<VoteStmt> {
        let start = self.begin();
        match self.peek_word() {
            b"voters" => {
                self.word_token()?;
                let voters = self.actor_list()?;
                let except = self
                    .attempt(|p| {
                        p.keyword("except")?;
                        p.exclusions()
                    })
                    .unwrap_or_default();
                Some(VoteStmt::Voters(voters, except, self.span_from(start)))
            }
            b"passes" => {
                self.word_token()?;
                self.keyword("when")?;
                let mut conditions = vec![self.condition()?];
                self.repeat(&mut conditions, |p| {
                    p.keyword("and")?;
                    p.condition()
                });
                Some(VoteStmt::Passes(fit(conditions), self.span_from(start)))
            }
            b"quorum" => {
                self.word_token()?;
                let comparator = self.comparator();
                let amount = self.amount()?;
                let counts_abstentions = self.attempt(|p| match p.peek_word() {
                    b"counting" => {
                        p.word_token()?;
                        p.keyword("abstentions")?;
                        Some(true)
                    }
                    b"not" => {
                        p.word_token()?;
                        p.keyword("counting")?;
                        p.keyword("abstentions")?;
                        Some(false)
                    }
                    _ => None,
                });
                Some(VoteStmt::Quorum(
                    comparator,
                    amount,
                    counts_abstentions,
                    self.span_from(start),
                ))
            }
            b"tie" => {
                self.word_token()?;
                let rule = match self.peek_word() {
                    b"casting" => {
                        self.word_token()?;
                        self.keyword("vote")?;
                        self.keyword("by")?;
                        TieRule::CastingVote(self.actor()?)
                    }
                    b"fails" => TieRule::Fails,
                    b"passes" => TieRule::Passes,
                    b"revote" => TieRule::Revote,
                    _ => return None,
                };
                if !matches!(rule, TieRule::CastingVote(_)) {
                    self.word_token()?;
                }
                Some(VoteStmt::Tie(rule, self.span_from(start)))
            }
            b"veto" => {
                self.word_token()?;
                self.keyword("by")?;
                let actors = self.actor_list()?;
                Some(VoteStmt::Veto(actors, self.span_from(start)))
            }
            b"no" => {
                self.word_token()?;
                self.keyword("veto")?;
                Some(VoteStmt::NoVeto(self.span_from(start)))
            }
            b"ballot" => {
                self.word_token()?;
                let secret = match self.peek_word() {
                    b"secret" => true,
                    b"public" => false,
                    _ => return None,
                };
                self.word_token()?;
                Some(VoteStmt::Ballot(secret, self.span_from(start)))
            }
            b"open" => {
                self.word_token()?;
                let bound = self.duration_bound()?;
                Some(VoteStmt::Open(bound, self.span_from(start)))
            }
            b"allow" => self.allow_stmt().map(VoteStmt::Allow),
            _ => None,
        }
    }

    /// `condition`.
    fn condition(&mut self) -> Option<Condition> {
        let start = self.begin();
        match self.peek_word() {
            b"unanimous" => {
                self.word_token()?;
                let base = self.of_base();
                return Some(Condition::Unanimous(base, self.span_from(start)));
            }
            b"majority" => {
                self.word_token()?;
                let base = self.of_base();
                return Some(Condition::Majority(base, self.span_from(start)));
            }
            b"approved" => {
                self.word_token()?;
                return Some(Condition::Approved(self.span_from(start)));
            }
            _ => {}
        }
        if let Some(condition) = self.attempt(|p| {
            let tally = p.tally()?;
            let comparator = p.comparator()?;
            let operand = match p.attempt(Self::amount) {
                Some(amount) => Operand::Amount(amount),
                None => {
                    let operand_start = p.begin();
                    let tally = p.tally()?;
                    Operand::Tally(tally, p.span_from(operand_start))
                }
            };
            Some(Condition::Compare(
                tally,
                comparator,
                operand,
                p.span_from(start),
            ))
        }) {
            return Some(condition);
        }
        self.ident().map(Condition::Named)
    }

    /// `tally`.
    fn tally(&mut self) -> Option<Tally> {
        let tally = match self.peek_word() {
            b"yes" => Tally::Yes,
            b"no" => Tally::No,
            b"abstain" => Tally::Abstain,
            b"turnout" => Tally::Turnout,
            _ => return None,
        };
        self.word_token()?;
        Some(tally)
    }

    /// `comparator`.
    fn comparator(&mut self) -> Option<Comparator> {
        let start = self.begin();
        let (comparator, len) = match (self.byte(start)?, self.byte(start + 1)) {
            (b'>', Some(b'=')) => (Comparator::Ge, 2),
            (b'>', _) => (Comparator::Gt, 1),
            (b'<', Some(b'=')) => (Comparator::Le, 2),
            (b'<', _) => (Comparator::Lt, 1),
            (b'=', Some(b'=')) => (Comparator::Eq, 2),
            _ => return None,
        };
        self.take(start, start + len);
        Some(comparator)
    }

    /// `amount`.
    fn amount(&mut self) -> Option<Amount> {
        let start = self.begin();
        if let Some(share) = self.share() {
            let base = self.of_base();
            return Some(Amount::Share(share, base, self.span_from(start)));
        }
        self.integer().map(Amount::Count)
    }

    /// `(kw_of ~ base)?`.
    fn of_base(&mut self) -> Option<Base> {
        self.attempt(|p| {
            p.keyword("of")?;
            let base = match p.peek_word() {
                b"members" => Base::Members,
                b"participating" => Base::Participating,
                b"cast" => Base::Cast,
                b"votes" => Base::Votes,
                _ => return None,
            };
            p.word_token()?;
            Some(base)
        })
    }

    // -----------------------------------------------------------------------------------------------------------
    // Actors, exclusions, durations
    // -----------------------------------------------------------------------------------------------------------

    /// `actor_list`.
    fn actor_list(&mut self) -> Option<Vec<Actor>> {
        self.comma_list(Self::actor)
    }

    /// `actor`.
    fn actor(&mut self) -> Option<Actor> {
        match self.keyword("anyone") {
            Some(span) => Some(Actor::Anyone(span)),
            None => self.ident().map(Actor::Named),
        }
    }

    /// `exclusion ~ ("," ~ exclusion)*`.
    fn exclusions(&mut self) -> Option<Vec<Exclusion>> {
        self.comma_list(Self::exclusion)
    }

    /// `exclusion`.
    fn exclusion(&mut self) -> Option<Exclusion> {
        let keyword: fn(Span) -> Exclusion = match self.peek_word() {
            b"subject" => Exclusion::Subject,
            b"accused" => Exclusion::Accused,
            b"nominator" => Exclusion::Nominator,
            _ => return self.ident().map(Exclusion::Named),
        };
        self.word_token().map(keyword)
    }

    /// `ident_list`.
    fn ident_list(&mut self) -> Option<Vec<Ident>> {
        self.comma_list(Self::ident)
    }

    /// `duration_bound`.
    fn duration_bound(&mut self) -> Option<DurationBound> {
        let start = self.begin();
        let kind = match self.peek_word() {
            b"at" => self.attempt(|p| {
                p.word_token()?;
                match p.peek_word() {
                    b"least" => p.word_token().map(|_| BoundKind::AtLeast),
                    b"most" => p.word_token().map(|_| BoundKind::AtMost),
                    _ => None,
                }
            }),
            b"exactly" => self.word_token().map(|_| BoundKind::Exactly),
            _ => None,
        };
        let duration = match self.attempt(Self::duration) {
            Some(duration) => Some(duration),
            None => {
                self.keyword("periodically")?;
                None
            }
        };
        Some(DurationBound {
            kind,
            duration,
            span: self.span_from(start),
        })
    }

    /// `duration`.
    fn duration(&mut self) -> Option<Duration> {
        let start = self.begin();
        let approximate = self.punct("~").is_some();
        let low = self.integer()?;
        let high = self.attempt(|p| {
            p.punct("-")?;
            p.integer()
        });
        let unit = self.unit()?;
        Some(Duration {
            approximate,
            low,
            high,
            unit,
            span: self.span_from(start),
        })
    }
}
