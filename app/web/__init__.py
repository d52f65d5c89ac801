"""Request handling shared by every feature: the Request class, errors, headers, forms, paging."""
