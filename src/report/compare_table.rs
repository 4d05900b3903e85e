//! `charterc compare` as text: a table for a terminal (`human`, wrapped to a width) and a Markdown table.
//!
//! The terminal table has one column per charter after the aspect column; each cell is wrapped to its column.
//! When the charters are too many for their columns to be at least [`MIN_COLUMN`] columns wide, each row is
//! printed as a block instead, one line per charter. The comparisons of rules that differ, with their witness
//! tallies, follow the table. The JSON output has the same text, unwrapped.

use rayon::prelude::*;
use textwrap::core::display_width;

use crate::compare::table::{Row, Table};
use crate::report::wrap;

/// The narrowest a charter's column may be before the table is printed as blocks.
pub const MIN_COLUMN: usize = 14;

/// The width of the aspect column.
const ASPECT_COLUMN: usize = 20;

/// Between two columns.
const SEPARATOR: &str = " │ ";

/// The table for a terminal, every line at most `width` columns wide.
pub fn render_human(table: &Table, width: usize) -> String {
    let count = table.columns.len().max(1);
    let used = ASPECT_COLUMN + count * display_width(SEPARATOR);
    let column = width.saturating_sub(used) / count;
    let mut out = String::new();
    let titles: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            if c.title == c.label {
                c.title.clone()
            } else {
                format!("{} ({})", c.title, c.label)
            }
        })
        .collect();
    out.push_str(&wrap::hanging(
        &format!(
            "charterc compare: {}",
            crate::compare::words::and_list(&titles)
        ),
        width,
        "",
        "  ",
    ));
    let (differing, agreeing): (Vec<&Row>, Vec<&Row>) = table.rows.iter().partition(|r| r.differs);
    let sections = [
        ("Where the charters differ", differing),
        ("Where the charters agree", agreeing),
    ];
    for (heading, rows) in &sections {
        if rows.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&format!(
            "{heading} ({})\n",
            crate::report::plural(rows.len(), "aspect")
        ));
        if column >= MIN_COLUMN {
            grid(&mut out, table, rows, column);
        } else {
            blocks(&mut out, table, rows, width);
        }
    }
    let comparisons: Vec<(&Row, &str)> = table
        .rows
        .iter()
        .flat_map(|row| {
            row.comparisons
                .iter()
                .map(move |c| (row, c.summary.as_str()))
        })
        .collect();
    if !comparisons.is_empty() {
        out.push_str("\nWhere vote rules differ\n");
        // Tens of thousands of comparisons for a thousand charters: wrapped in parallel, joined in order.
        let wrapped: Vec<String> = comparisons
            .par_iter()
            .map(|(row, summary)| {
                wrap::hanging(&format!("{}: {summary}", row.label), width, "  - ", "    ")
            })
            .collect();
        for text in wrapped {
            out.push_str(&text);
        }
    }
    out
}

/// `text` followed by spaces up to `width` columns, counted as the terminal shows them, so that the next
/// column starts at the same place on every line.
fn pad(text: &str, width: usize) -> String {
    let mut res = text.to_owned();
    res.push_str(&" ".repeat(width.saturating_sub(display_width(text))));
    res
}

/// One line of the grid from the cells' lines at `index`, without trailing spaces.
fn grid_line(columns: &[Vec<String>], widths: &[usize], index: usize) -> String {
    let parts: Vec<String> = columns
        .iter()
        .zip(widths)
        .map(|(lines, width)| pad(lines.get(index).map_or("", String::as_str), *width))
        .collect();
    parts.join(SEPARATOR).trim_end().to_owned()
}

fn rule_line(widths: &[usize]) -> String {
    widths
        .iter()
        .map(|w| "─".repeat(*w))
        .collect::<Vec<_>>()
        .join("─┼─")
}

fn grid(out: &mut String, table: &Table, rows: &[&Row], column: usize) {
    let mut widths = vec![ASPECT_COLUMN];
    widths.extend(std::iter::repeat_n(column, table.columns.len()));
    let mut header = vec![wrap::lines("aspect", ASPECT_COLUMN)];
    header.extend(table.columns.iter().map(|c| wrap::lines(&c.title, column)));
    push_lines(out, &header, &widths);
    for row in rows {
        out.push_str(&rule_line(&widths));
        out.push('\n');
        let mut cells = vec![wrap::lines(&row.label, ASPECT_COLUMN)];
        cells.extend(row.cells.iter().map(|c| wrap::lines(&c.text, column)));
        push_lines(out, &cells, &widths);
    }
}

fn push_lines(out: &mut String, cells: &[Vec<String>], widths: &[usize]) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0);
    for index in 0..height {
        out.push_str(&grid_line(cells, widths, index));
        out.push('\n');
    }
}

fn blocks(out: &mut String, table: &Table, rows: &[&Row], width: usize) {
    // A block per row, wrapped in parallel (a thousand charters make a thousand lines a row), joined in order.
    let rendered: Vec<String> = rows
        .par_iter()
        .map(|row| {
            let mut block = wrap::hanging(&row.label, width, "  ", "  ");
            for (column, cell) in table.columns.iter().zip(&row.cells) {
                block.push_str(&wrap::hanging(
                    &format!("{}: {}", column.title, cell.text),
                    width,
                    "    - ",
                    "      ",
                ));
            }
            block
        })
        .collect();
    for block in rendered {
        out.push_str(&block);
    }
}

/// The table in Markdown: a header row of charters, the rows where they differ first, then the comparisons.
pub fn render_markdown(table: &Table) -> String {
    let mut out = String::from("### Governance compared\n\n");
    out.push_str("| aspect |");
    for column in &table.columns {
        out.push_str(&format!(" {} |", cell_text(&column.title)));
    }
    out.push_str("\n| --- |");
    for _ in &table.columns {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in &table.rows {
        let label = if row.differs {
            format!("**{}**", cell_text(&row.label))
        } else {
            cell_text(&row.label)
        };
        out.push_str(&format!("| {label} |"));
        for cell in &row.cells {
            out.push_str(&format!(" {} |", cell_text(&cell.text)));
        }
        out.push('\n');
    }
    let differing = table.rows.iter().filter(|r| r.differs).count();
    out.push_str(&format!(
        "\nThe charters differ on {differing} of {} aspects (in bold, first).\n",
        table.rows.len()
    ));
    let comparisons: Vec<String> = table
        .rows
        .iter()
        .flat_map(|row| {
            row.comparisons
                .iter()
                .map(move |c| format!("- **{}**: {}", row.label, c.summary))
        })
        .collect();
    if !comparisons.is_empty() {
        out.push_str("\n#### Where vote rules differ\n\n");
        for line in comparisons {
            out.push_str(&line);
            out.push('\n');
        }
    }
    // Pasted into a pull request, or printed to the terminal that ran it: no control character is sent raw.
    crate::report::visible::visible_owned(out)
}

/// Text made safe inside a Markdown table cell.
fn cell_text(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
