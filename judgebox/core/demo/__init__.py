"""Demo material: a sample event, rounds and entry decks for trying JudgeBox out."""
