"""Thai text knowledge: repair, numbering, officers, the criteria catalog, matching, validation."""
