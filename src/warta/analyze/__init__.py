"""Analysis stages over an extracted article: language layer, entity linking (later quotes, events)."""
