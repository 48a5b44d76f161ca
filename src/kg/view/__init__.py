"""Beside outputs, view: takes the Model, the vocabulary and the NetworkX projection; gives one self-contained,
offline HTML page (the explorer), rendered through the project's templates with vis-network inlined."""
