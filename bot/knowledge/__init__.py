"""The council's knowledge files and the FAISS index answers come from."""
