import json


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.data) == {
        "status": "ok",
        "database": "ok",
        "rate_limits": "this worker only",  # memory://, as in the tests' configuration
    }


def test_healthz_says_503_when_the_database_is_gone(make_app, tmp_path):
    app = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing/dir/clinic.sqlite3", ready=False)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    answer = json.loads(response.data)
    assert (answer["status"], answer["database"]) == ("error", "error")


def test_healthz_sets_no_cookie(client):
    assert "Set-Cookie" not in client.get("/healthz").headers
