"""Reading practices/: files, front matter, the gate and the loader."""
