"""The portal's "Cải cách hành chính" section: article pages, the RSS/podcast feeds and each language's own feed."""
