//! A path of the OpenAPI document (`/v1/channels/{id}`), matched against request paths.

/// One path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    /// The template as written.
    pub template: String,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Parameter,
}

impl PathTemplate {
    /// Reads `/v1/channels/{id}`.
    pub fn new(template: &str) -> Self {
        let segments = template
            .trim_matches('/')
            .split('/')
            .map(|part| {
                if part.starts_with('{') && part.ends_with('}') {
                    Segment::Parameter
                } else {
                    Segment::Literal(part.to_string())
                }
            })
            .collect();
        PathTemplate {
            template: template.to_string(),
            segments,
        }
    }

    /// How many literal segments `path` matches, or `None` when it does not match (the
    /// most literal match is the most specific: `/v1/linked-users/import` over
    /// `/v1/linked-users/{id}`).
    pub fn matches(&self, path: &str) -> Option<usize> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let fits = self.segments.len() == parts.len()
            && self
                .segments
                .iter()
                .zip(&parts)
                .all(|(segment, part)| match segment {
                    Segment::Literal(literal) => literal == part,
                    Segment::Parameter => !part.is_empty(),
                });
        fits.then(|| {
            self.segments
                .iter()
                .filter(|s| matches!(s, Segment::Literal(_)))
                .count()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_segments_rank_matches() {
        let import = PathTemplate::new("/v1/linked-users/import");
        let by_id = PathTemplate::new("/v1/linked-users/{id}");
        assert_eq!(import.matches("/v1/linked-users/import"), Some(3));
        assert_eq!(by_id.matches("/v1/linked-users/import"), Some(2));
        assert_eq!(by_id.matches("/v1/linked-users/"), None);
        assert_eq!(by_id.matches("/v1/linked-users/a/b"), None);
    }
}
