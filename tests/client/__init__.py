"""Tests of InferenceRecommenderClient, one module per concern."""
