"""The site as data: catalogue, generated pages, cards, charts, open data, the build report, encoders."""
