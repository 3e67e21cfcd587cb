"""Pages of the school intake and the TechLabs. Thin: parse, call one service, render or
redirect. Every protected object comes from an access_* selector."""
