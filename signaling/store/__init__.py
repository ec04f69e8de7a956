"""The server's database: models, migrations, repositories."""
