"""The coordinator's desk window: prepare the event, collect the files, results and minutes."""
