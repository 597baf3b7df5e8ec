"""Indonesian: tokens and sentences, named entities, quantities, dates in text, aliases.

Everything here runs offline on a CPU: the NER model and the data files ship inside the
package and are loaded on first use, never at import time.
"""
