"""CX Survey Explorer: data layer, statistics, charts and labels shared by the pages."""
