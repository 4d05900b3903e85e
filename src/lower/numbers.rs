//! Numbers, shares, durations and sizes: from the digits the author wrote to exact values.
//!
//! Every number is bounded by [`MAX_NUMBER`] so that the vote arithmetic, which multiplies coefficients by
//! electorate sizes in `i128`, can never overflow.

use crate::ast;
use crate::checks::{fraction_out_of_range, invalid_number, reversed_range, unknown_unit};
use crate::diagnostic::Diagnostic;
use crate::ir::{self, Fraction, Seconds, TimeUnit};
use crate::source::Span;

/// The largest number a charter may contain.
pub(crate) const MAX_NUMBER: u64 = 1_000_000_000;

const HOUR: u64 = 3_600;
const DAY: u64 = 86_400;

// Durations cannot overflow: the longest is `MAX_NUMBER` years of 366 days (about 3.2e16 seconds), far below
// `u64::MAX` (about 1.8e19), and `MAX_NUMBER` business days with their weekends is shorter. The saturating
// arithmetic below is therefore never reached; these assertions make the build fail if a limit is ever raised
// past that point.
const _: () = assert!(MAX_NUMBER.checked_mul(366 * DAY).is_some());
const _: () = assert!(
    (MAX_NUMBER + 2 * MAX_NUMBER.div_ceil(5))
        .checked_mul(DAY)
        .is_some()
);

/// Parses the digits of an integer literal, reporting numbers above [`MAX_NUMBER`].
pub(super) fn integer(literal: &ast::IntegerLit, diagnostics: &mut Vec<Diagnostic>) -> Option<u64> {
    parse_bounded(&literal.digits, literal.span, diagnostics)
}

fn parse_bounded(digits: &str, span: Span, diagnostics: &mut Vec<Diagnostic>) -> Option<u64> {
    match digits.parse::<u64>() {
        Ok(value) if value <= MAX_NUMBER => Some(value),
        _ => {
            diagnostics.push(invalid_number::diagnostic(
                span,
                format!("the number `{digits}` is too large (the limit is {MAX_NUMBER})"),
                "use a smaller number",
            ));
            None
        }
    }
}

/// Converts a share (`2/3`, `60%`, `66.7%`) to an exact fraction in lowest terms, in (0, 1].
pub(super) fn share(
    share: &ast::Share,
    span: Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Fraction> {
    // The share's text is only needed for a diagnostic, so it is written only then.
    let text = || match share {
        ast::Share::Fraction(text) => text.clone(),
        ast::Share::Percent(digits) => [digits.as_str(), "%"].concat(),
    };
    let (numerator, denominator) = match share {
        ast::Share::Fraction(text) => {
            let (numerator, denominator) = text.split_once('/')?;
            let numerator = parse_bounded(numerator, span, diagnostics)?;
            let denominator = parse_bounded(denominator, span, diagnostics)?;
            if denominator == 0 {
                diagnostics.push(invalid_number::diagnostic(
                    span,
                    format!("the fraction `{text}` divides by zero"),
                    "use a fraction such as `2/3`",
                ));
                return None;
            }
            (numerator, denominator)
        }
        ast::Share::Percent(digits) => {
            let (whole, decimals) = digits.split_once('.').unwrap_or((digits.as_str(), ""));
            if decimals.len() > 6 {
                diagnostics.push(invalid_number::diagnostic(
                    span,
                    format!("the percentage `{digits}%` has more than 6 decimals"),
                    "round the percentage to at most 6 decimals",
                ));
                return None;
            }
            // Without decimals the digits are read as they are, with no copy joined from their parts.
            let numerator = if decimals.is_empty() {
                parse_bounded(whole, span, diagnostics)?
            } else {
                parse_bounded(&[whole, decimals].concat(), span, diagnostics)?
            };
            let denominator = 100 * 10u64.pow(decimals.len() as u32);
            (numerator, denominator)
        }
    };
    if numerator == 0 || numerator > denominator {
        diagnostics.push(fraction_out_of_range::diagnostic(span, &text()));
        return None;
    }
    let divisor = num_integer::gcd(numerator, denominator);
    Some(Fraction {
        numerator: (numerator / divisor) as i64,
        denominator: (denominator / divisor) as i64,
    })
}

/// Converts a size bound to `(min, max)`.
pub(super) fn size(
    bound: &ast::SizeBound,
    span: Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(u64, Option<u64>)> {
    match bound {
        ast::SizeBound::AtLeast(n) => Some((integer(n, diagnostics)?, None)),
        ast::SizeBound::AtMost(n) => Some((0, Some(integer(n, diagnostics)?))),
        ast::SizeBound::Exactly(n) => {
            let n = integer(n, diagnostics)?;
            Some((n, Some(n)))
        }
        ast::SizeBound::Range(low, high) => {
            let (low, high) = (integer(low, diagnostics)?, integer(high, diagnostics)?);
            if low > high {
                diagnostics.push(reversed_range::diagnostic(span, low, high));
                return None;
            }
            Some((low, Some(high)))
        }
    }
}

/// Converts a duration to its normalized form; `text` is the source text it was written with.
pub(super) fn duration(
    duration: &ast::Duration,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::Duration> {
    let unit = time_unit(&duration.unit, diagnostics);
    let value = integer(&duration.low, diagnostics);
    let value_max = match &duration.high {
        Some(high) => Some(integer(high, diagnostics)?),
        None => None,
    };
    let (unit, value) = (unit?, value?);
    if let Some(high) = value_max
        && value > high
    {
        diagnostics.push(reversed_range::diagnostic(duration.span, value, high));
        return None;
    }
    let seconds = Seconds {
        min: shortest(value, unit),
        max: longest(value_max.unwrap_or(value), unit),
    };
    Some(ir::Duration {
        text: text.to_owned(),
        value,
        value_max,
        unit,
        approximate: duration.approximate,
        seconds,
        span: duration.span,
    })
}

/// Converts a duration bound; `source` is the file's text, for the durations' original spelling.
pub(super) fn duration_bound(
    bound: &ast::DurationBound,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::DurationBound> {
    let kind = match bound.kind {
        Some(ast::BoundKind::AtLeast) => ir::BoundKind::AtLeast,
        Some(ast::BoundKind::AtMost) => ir::BoundKind::AtMost,
        Some(ast::BoundKind::Exactly) => ir::BoundKind::Exactly,
        None => ir::BoundKind::Unstated,
    };
    let duration = match &bound.duration {
        Some(d) => Some(self::duration(d, source_text(source, d.span), diagnostics)?),
        None => None,
    };
    Some(ir::DurationBound {
        bound: kind,
        duration,
        span: bound.span,
    })
}

/// The text of `span` in `source`, or an empty string for a span that does not fit.
pub(super) fn source_text(source: &str, span: Span) -> &str {
    source.get(span.start..span.end).unwrap_or_default()
}

/// The units, by every spelling charterc accepts.
const UNITS: &[(&str, TimeUnit)] = &[
    ("hour", TimeUnit::Hours),
    ("hours", TimeUnit::Hours),
    ("day", TimeUnit::Days),
    ("days", TimeUnit::Days),
    ("business day", TimeUnit::BusinessDays),
    ("business days", TimeUnit::BusinessDays),
    ("week", TimeUnit::Weeks),
    ("weeks", TimeUnit::Weeks),
    ("month", TimeUnit::Months),
    ("months", TimeUnit::Months),
    ("year", TimeUnit::Years),
    ("years", TimeUnit::Years),
];

fn time_unit(unit: &ast::Ident, diagnostics: &mut Vec<Diagnostic>) -> Option<TimeUnit> {
    // A unit written as it is spelt here (`days`, `business days`) needs no normalizing, which copies its words.
    if let Some((_, unit)) = UNITS.iter().find(|(spelling, _)| *spelling == unit.text) {
        return Some(*unit);
    }
    let words: Vec<&str> = unit.text.split_whitespace().collect();
    let normalized = words.join(" ");
    if let Some((_, unit)) = UNITS.iter().find(|(spelling, _)| *spelling == normalized) {
        return Some(*unit);
    }
    let suggestion = UNITS
        .iter()
        .map(|(spelling, _)| {
            (
                strsim::damerau_levenshtein(&normalized, spelling),
                *spelling,
            )
        })
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, spelling)| spelling);
    diagnostics.push(unknown_unit::diagnostic(unit.span, &normalized, suggestion));
    None
}

/// The fewest seconds `value` units can last.
fn shortest(value: u64, unit: TimeUnit) -> u64 {
    value.saturating_mul(match unit {
        TimeUnit::Hours => HOUR,
        TimeUnit::Days | TimeUnit::BusinessDays => DAY,
        TimeUnit::Weeks => 7 * DAY,
        TimeUnit::Months => 28 * DAY,
        TimeUnit::Years => 365 * DAY,
    })
}

/// The most seconds `value` units can last. Business days count weekends, not holidays: every started run of
/// five business days may span a weekend.
fn longest(value: u64, unit: TimeUnit) -> u64 {
    match unit {
        TimeUnit::BusinessDays => value
            .saturating_add(2 * value.div_ceil(5))
            .saturating_mul(DAY),
        TimeUnit::Months => value.saturating_mul(31 * DAY),
        TimeUnit::Years => value.saturating_mul(366 * DAY),
        TimeUnit::Hours | TimeUnit::Days | TimeUnit::Weeks => shortest(value, unit),
    }
}
