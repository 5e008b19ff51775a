"""Turning any input (scanned or born-digital PDF, image, OCR'd text file) into page text."""
