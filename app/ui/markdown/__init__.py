"""Model Markdown to the HTML a QTextDocument shows; streaming split into closed blocks and a tail."""
