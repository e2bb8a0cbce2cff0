"""Contact-centre agents: their accounts (argon2-hashed passwords, roles,
lock-out), their console sessions (idle time-out, CSRF tokens) and the
append-only audit log. Imports neither sanic nor rasa_sdk."""
