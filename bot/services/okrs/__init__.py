"""OKRs: listing, authoring and drafts, hypotheses and learnings."""
