package dev.myelin.examples.pizzeria.security;

import java.util.Collection;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The in-memory user store, which makes the {@link VerifiedCredentials} forget a user whenever its
 * password or roles change or it is deleted, so a changed password is refused at once.
 */
final class PizzeriaUsers extends InMemoryUserDetailsManager {

    private final VerifiedCredentials verified;

    PizzeriaUsers(Collection<UserDetails> users, VerifiedCredentials verified) {
        super(users);
        this.verified = verified;
    }

    @Override
    public void updateUser(UserDetails user) {
        super.updateUser(user);
        verified.forget(user.getUsername());
    }

    @Override
    public void deleteUser(String username) {
        super.deleteUser(username);
        verified.forget(username);
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        UserDetails updated = super.updatePassword(user, newPassword);
        verified.forget(user.getUsername());
        return updated;
    }

    @Override
    public void changePassword(String oldPassword, String newPassword) {
        super.changePassword(oldPassword, newPassword);
        verified.forgetAll();
    }
}
