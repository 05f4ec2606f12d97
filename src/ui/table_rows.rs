//! What every section's table shares: its rows as last read from the store
//! (after a change, never every frame), and the filtered, sorted order it
//! shows them in, worked out again only when the search, the sort, the
//! filter or the rows change.

use std::cmp::Ordering;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::widgets::SortOrder;

/// A column a table's rows can be sorted by.
pub trait SortColumn<R>: Copy + PartialEq {
    fn compare(self, a: &R, b: &R) -> Ordering;
}

pub struct TableRows<R, C> {
    rows: Vec<R>,
    /// Lower-case text each row is found by, parallel to `rows`.
    haystacks: Vec<String>,
    /// Indices into `rows`: the filtered, sorted order the table shows.
    view: Vec<usize>,
    /// What `view` was worked out for.
    key: Option<ViewKey<C>>,
    /// Counts the reads, so that a view of older rows is never reused.
    generation: u64,
    pub sort: SortOrder<C>,
    searched_by: fn(&R) -> String,
}

#[derive(PartialEq)]
struct ViewKey<C> {
    search: String,
    sort: SortOrder<C>,
    filter: u64,
    generation: u64,
}

impl<R, C: SortColumn<R>> TableRows<R, C> {
    /// An empty table sorted by `sort`, whose rows are found by the text
    /// `searched_by` gives (every word typed must appear in it).
    pub fn new(sort: SortOrder<C>, searched_by: fn(&R) -> String) -> Self {
        Self {
            rows: Vec::new(),
            haystacks: Vec::new(),
            view: Vec::new(),
            key: None,
            generation: 0,
            sort,
            searched_by,
        }
    }

    /// The rows as just read from the store.
    pub fn replace(&mut self, rows: Vec<R>) {
        self.haystacks = rows
            .iter()
            .map(|row| (self.searched_by)(row).to_lowercase())
            .collect();
        self.rows = rows;
        self.generation += 1;
    }

    pub fn rows(&self) -> &[R] {
        &self.rows
    }

    /// Counts the reads: what was worked out from the rows is current while
    /// this is unchanged.
    pub fn read_count(&self) -> u64 {
        self.generation
    }

    /// The rows the search finds, whatever the screen's filter.
    pub fn found(&self, search: &str) -> impl Iterator<Item = &R> {
        let search = search.trim().to_lowercase();
        let words: Vec<String> = search.split_whitespace().map(str::to_owned).collect();
        self.rows
            .iter()
            .zip(&self.haystacks)
            .filter(move |(_, haystack)| words.iter().all(|w| haystack.contains(w.as_str())))
            .map(|(row, _)| row)
    }

    /// Indices into `rows()`, in the order shown (as last refreshed).
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// The rows shown, in order.
    pub fn shown(&self) -> impl Iterator<Item = &R> {
        self.view.iter().map(|&i| &self.rows[i])
    }

    /// Where the first shown row matching `is` stands in the view.
    pub fn position(&self, is: impl Fn(&R) -> bool) -> Option<usize> {
        self.shown().position(is)
    }

    /// What a table draws with: the rows, the order shown, and the sort its
    /// headings change (a new sort is applied at the next refresh).
    pub fn parts(&mut self) -> (&[R], &[usize], &mut SortOrder<C>) {
        (&self.rows, &self.view, &mut self.sort)
    }

    /// Works out the order shown for `search` and the screen's `filter`
    /// (rows `keep` accepts, given the row and its index), unless it
    /// already was for the same search, sort, filter and rows.
    pub fn refresh(&mut self, search: &str, filter: &impl Hash, keep: impl Fn(&R, usize) -> bool) {
        let mut hasher = DefaultHasher::new();
        filter.hash(&mut hasher);
        let key = ViewKey {
            search: search.trim().to_lowercase(),
            sort: self.sort,
            filter: hasher.finish(),
            generation: self.generation,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let words: Vec<&str> = key.search.split_whitespace().collect();
        let mut view: Vec<usize> = (0..self.rows.len())
            .filter(|&i| keep(&self.rows[i], i))
            .filter(|&i| words.iter().all(|word| self.haystacks[i].contains(word)))
            .collect();
        let (rows, sort) = (&self.rows, self.sort);
        view.sort_by(|&a, &b| sort.apply(sort.column.compare(&rows[a], &rows[b])));
        self.view = view;
        self.key = Some(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct ByValue;

    impl SortColumn<(&'static str, i32)> for ByValue {
        fn compare(self, a: &(&'static str, i32), b: &(&'static str, i32)) -> Ordering {
            a.1.cmp(&b.1)
        }
    }

    fn table() -> TableRows<(&'static str, i32), ByValue> {
        let mut table = TableRows::new(SortOrder::ascending(ByValue), |row| row.0.to_owned());
        table.replace(vec![
            ("Paris Independent", 3),
            ("Adair County", 1),
            ("Paris West", 2),
        ]);
        table
    }

    fn names(table: &TableRows<(&'static str, i32), ByValue>) -> Vec<&'static str> {
        table.shown().map(|row| row.0).collect()
    }

    #[test]
    fn every_word_searched_must_appear_in_any_case() {
        let mut table = table();
        table.refresh("  paris  IND ", &(), |_, _| true);
        assert_eq!(names(&table), ["Paris Independent"]);
    }

    #[test]
    fn the_view_follows_sort_filter_and_new_rows() {
        let mut table = table();
        table.refresh("", &(), |_, _| true);
        assert_eq!(
            names(&table),
            ["Adair County", "Paris West", "Paris Independent"]
        );
        table.sort.click(ByValue);
        table.refresh("", &(), |_, _| true);
        assert_eq!(
            names(&table),
            ["Paris Independent", "Paris West", "Adair County"]
        );
        table.refresh("", &true, |row, _| row.1 > 1);
        assert_eq!(names(&table), ["Paris Independent", "Paris West"]);
        table.replace(vec![("Bath County", 5)]);
        table.refresh("", &true, |row, _| row.1 > 1);
        assert_eq!(names(&table), ["Bath County"]);
        assert_eq!(table.position(|row| row.0 == "Bath County"), Some(0));
    }
}
