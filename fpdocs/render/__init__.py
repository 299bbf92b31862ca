"""Writers: Word documents from templates, calendar files, the case overview."""
