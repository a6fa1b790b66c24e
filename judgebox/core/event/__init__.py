"""Events: what the coordinator sends jurors (.jbevent) and what a profile has opened."""
