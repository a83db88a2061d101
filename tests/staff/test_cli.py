import os
import subprocess
import sys

from clinic_site.extensions import db
from clinic_site.staff.models import StaffUser


def _staff(app, username):
    with app.app_context():
        return db.session.scalar(db.select(StaffUser).where(StaffUser.username == username))


def test_create_staff_reads_a_piped_password(app, runner):
    result = runner.invoke(
        args=["create-staff", "kim", "--name", "Kim Sora", "--role", "owner"],
        input="a-long-password\na-long-password\n",
    )
    assert result.exit_code == 0, result.output
    user = _staff(app, "kim")
    assert user.role == "owner" and user.name == "Kim Sora"
    assert user.password_hash.startswith("$argon2id$")


def test_create_staff_refuses_differing_short_or_taken(app, runner):
    args = ["create-staff", "kim", "--name", "Kim", "--role", "staff"]
    assert runner.invoke(args=args, input="a-long-password\nanother-password\n").exit_code == 1
    assert runner.invoke(args=args, input="short\nshort\n").exit_code == 1
    assert _staff(app, "kim") is None
    assert runner.invoke(args=args, input="a-long-password\n").exit_code == 0
    again = runner.invoke(args=args, input="a-long-password\n")
    assert again.exit_code == 1 and "taken" in again.output
    assert (
        runner.invoke(args=[*args[:4], "--role", "boss"], input="a-long-password\n").exit_code == 2
    )


def test_the_real_command_line(app):
    env = {**os.environ, "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "x"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "clinic_site",
            "create-staff",
            "park",
            "--name",
            "Park",
            "--role",
            "staff",
        ],
        input="a-long-password\na-long-password\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert _staff(app, "park") is not None
