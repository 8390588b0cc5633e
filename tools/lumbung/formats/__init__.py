"""What a file holds: front matter, the real type of a file, the text and metadata of an attachment."""
